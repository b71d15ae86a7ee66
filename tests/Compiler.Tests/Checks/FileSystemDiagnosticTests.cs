using Reft.Compiler.Tests.Support;

namespace Reft.Compiler.Tests.Checks;

/// <summary>Codes that need files on disk: a jsonl row without a mapped key, a bad or missing config.json.</summary>
public class FileSystemDiagnosticTests : IDisposable
{
    public static readonly string[] Codes = ["RFT2014", "RFT3017", "RFT4023", "RFT4051"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "reft-fs-" + Guid.NewGuid().ToString("N"));

    public FileSystemDiagnosticTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Checkpoint(string marked) => Specs.Arith.With("init: tiny(layers: 6, dim: 128, heads: 4, context: 64 tokens)", marked);

    private void AssertAt(string code, string markedText)
    {
        var (text, line, column) = Specs.Marked(markedText);
        var result = Specs.Compile(text, folder);
        Assert.True(result.Diagnostics.Any(d => d.Code == code && d.Location.Line == line && d.Location.Column == column),
            $"expected {code} at {line}:{column}; got:\n{Specs.Describe(result.Diagnostics)}");
    }

    [Fact]
    public void Mapping_a_key_the_rows_lack_is_reported_with_the_file()
    {
        ExampleFixtures.Write(folder, "rows.jsonl", "{\"question\": \"1+1\", \"answer\": \"2\"}\n");
        AssertAt("RFT2014", Specs.Arith.With("  prompt:", "  dataset rows = jsonl(\"rows.jsonl\", prompt: $$questoin)\n  prompt:"));
    }

    [Fact]
    public void A_folder_named_as_a_data_file_is_reported_as_a_folder()
    {
        Directory.CreateDirectory(Path.Combine(folder, "rows.jsonl"));
        var (text, line, column) = Specs.Marked(Specs.Arith.With("  prompt:", "  dataset rows = jsonl($$\"rows.jsonl\", question: question)\n  prompt:"));
        var missing = Assert.Single(Specs.Compile(text, folder).Diagnostics, d => d.Code == "RFT4021");
        Assert.Equal((line, column), (missing.Location.Line, missing.Location.Column));
        Assert.Equal($"data file not found: {Path.Combine(folder, "rows.jsonl")} is a folder; name the .jsonl file inside it", missing.Message);
    }

    [Fact]
    public void Sft_on_a_dataset_without_answers_is_reported()
    {
        ExampleFixtures.Write(folder, "prompts.jsonl", "{\"question\": \"1+1\"}\n");
        AssertAt("RFT2006", Specs.Arith.With("  prompt:", "  dataset prompts = jsonl(\"prompts.jsonl\", question: question)\n  prompt:")
            .With("    data: train\n    steps: 400", "    data: $$prompts\n    steps: 400"));
    }

    [Fact]
    public void Config_that_is_not_json_names_the_line_without_parser_internals()
    {
        ExampleFixtures.Write(folder, "model/config.json", "{\n  bad\n}");
        var unreadable = Assert.Single(Specs.Compile(Checkpoint("checkpoint: \"model\""), folder).Diagnostics, d => d.Code == "RFT3017");
        Assert.StartsWith($"{Path.Combine(folder, "model", "config.json")}: is not valid JSON (line 2, byte 3);", unreadable.Message);
        Assert.DoesNotContain("BytePositionInLine", unreadable.Message);
    }

    [Fact]
    public void A_file_named_as_the_checkpoint_folder_is_reported_as_a_file()
    {
        ExampleFixtures.Write(folder, "model.safetensors", "");
        var missing = Assert.Single(Specs.Compile(Checkpoint("checkpoint: \"model.safetensors\""), folder).Diagnostics, d => d.Code == "RFT4022");
        Assert.StartsWith($"model folder not found: {Path.Combine(folder, "model.safetensors")} is a file;", missing.Message);
    }

    [Fact]
    public void A_folder_named_as_the_tokenizer_file_is_reported_as_a_folder()
    {
        Directory.CreateDirectory(Path.Combine(folder, "tok"));
        var missing = Assert.Single(Specs.Compile(Specs.Arith.With("tokenizer: chars", "tokenizer: \"tok\""), folder).Diagnostics, d => d.Code == "RFT4044");
        Assert.StartsWith($"tokenizer file not found: {Path.Combine(folder, "tok")} is a folder;", missing.Message);
    }

    [Fact]
    public void Config_without_required_keys_is_reported()
    {
        ExampleFixtures.Write(folder, "model/config.json", "{\"hidden_size\": 64}");
        AssertAt("RFT3017", Checkpoint("checkpoint: $$\"model\""));
    }

    [Fact]
    public void Folder_without_config_is_reported()
    {
        Directory.CreateDirectory(Path.Combine(folder, "model"));
        AssertAt("RFT4023", Checkpoint("checkpoint: $$\"model\""));
    }

    [Fact]
    public void Checkpoint_shape_comes_from_config_json()
    {
        ExampleFixtures.Write(folder, "model/config.json", ExampleFixtures.QwenConfig);
        var result = Specs.Compile(Checkpoint("checkpoint: \"model\"").With("random(1..2 layers", "random(25% layers"), folder);
        Assert.True(result.Plan is not null, Specs.Describe(result.Diagnostics));
        var config = result.Plan!.Policy.Config;
        Assert.Equal((24, 896, 14, 2, 32768, 151936, 4864, true), (config.Layers, config.Hidden, config.Heads, config.KvHeads, config.Context, config.Vocab, config.Intermediate, config.TieEmbeddings));
        var nested = Assert.IsType<global::Reft.Compiler.Plan.NestedBehaviour>(result.Plan.Stages.OfType<global::Reft.Compiler.Plan.RlStagePlan>().Single().Sample.Behaviour);
        Assert.Equal(6, nested.Skip.MaxLayers);
    }

    private static string CheckpointWithItsOwnTokenizer(string marked) => Checkpoint(marked).Replace("    tokenizer: chars\n", "");

    [Fact]
    public void Checkpoint_without_weights_is_a_warning_and_still_binds()
    {
        ExampleFixtures.Write(folder, "model/config.json", ExampleFixtures.QwenConfig);
        var (text, line, column) = Specs.Marked(CheckpointWithItsOwnTokenizer("checkpoint: $$\"model\""));
        var result = Specs.Compile(text, folder);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("RFT4051", line, column, false), (warning.Code, warning.Location.Line, warning.Location.Column, warning.IsError));
        Assert.Equal(Path.Combine(folder, "model", "tokenizer.json"), result.Plan!.Policy.Tokenizer.FullPath);
    }

    [Fact]
    public void Checkpoint_with_weights_but_no_tokenizer_is_an_error()
    {
        ExampleFixtures.Write(folder, "model/config.json", ExampleFixtures.QwenConfig);
        ExampleFixtures.Write(folder, "model/model.safetensors", "");
        var result = Specs.Compile(CheckpointWithItsOwnTokenizer("checkpoint: \"model\""), folder);
        Assert.Contains(result.Diagnostics, d => d.Code == "RFT4044" && d.Message.Contains(Path.Combine(folder, "model", "tokenizer.json")));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "RFT4051");
    }

    [Fact]
    public void Missing_checkpoint_folder_is_an_error_with_its_path()
    {
        var result = Specs.Compile(Checkpoint("checkpoint: \"absent\""), folder);
        var missing = Assert.Single(result.Diagnostics, d => d.Code == "RFT4022");
        Assert.Contains(Path.Combine(folder, "absent"), missing.Message);
    }

    [Fact]
    public void Gsm8k_example_checks_with_only_the_download_warning()
    {
        var source = Language.SourceText.Load(Path.Combine(Specs.ExamplesDirectory, "gsm8k-nested.reft"));
        var warning = Assert.Single(ReftCompiler.Compile(source).Diagnostics);
        Assert.Equal("RFT4051", warning.Code);
    }
}
