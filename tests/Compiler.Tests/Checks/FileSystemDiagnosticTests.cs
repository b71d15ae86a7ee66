using Reft.Compiler.Tests.Support;

namespace Reft.Compiler.Tests.Checks;

/// <summary>Codes that need files on disk: a jsonl row without a mapped key, a bad or missing config.json.</summary>
public class FileSystemDiagnosticTests : IDisposable
{
    public static readonly string[] Codes = ["RFT2014", "RFT3017", "RFT4023"];

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

    [Fact]
    public void Missing_example_checkpoint_is_an_error_with_its_path()
    {
        var source = Language.SourceText.Load(Path.Combine(Specs.ExamplesDirectory, "gsm8k-nested.reft"));
        var diagnostics = ReftCompiler.Compile(source).Diagnostics;
        if (Directory.Exists(Path.Combine(Specs.ExamplesDirectory, "models", "Qwen2.5-0.5B-Instruct")))
            return;
        var missing = Assert.Single(diagnostics, d => d.Code == "RFT4022");
        Assert.Contains(Path.Combine(Specs.ExamplesDirectory, "models", "Qwen2.5-0.5B-Instruct"), missing.Message);
    }
}
