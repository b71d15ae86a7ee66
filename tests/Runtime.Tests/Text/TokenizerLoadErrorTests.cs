using System.Text.Json.Nodes;
using Reft.Runtime.Text;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Text;

public sealed class TokenizerLoadErrorTests
{
    static TokenizerLoadException LoadFails(string content, string name = "tokenizer.json")
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write(name, content);
        var error = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(path));
        Assert.StartsWith($"{path}: error: ", error.Message);
        return error;
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        Assert.Contains("invalid JSON at line 2", LoadFails("{\n  \"model\": ,\n}").Message);
    }

    [Fact]
    public void Missing_model() => Assert.Contains("missing \"model\"", LoadFails("""{"version": "1.0"}""").Message);

    [Fact]
    public void Missing_merges()
    {
        var document = TinyTokenizerJson.Document(PreTokenizerPatterns.Qwen2);
        ((JsonObject)document["model"]!).Remove("merges");
        Assert.Contains("model.merges is missing", LoadFails(document.ToJsonString()).Message);
    }

    [Fact]
    public void Unknown_model_type()
    {
        Assert.Contains("model type \"WordPiece\" is not supported", LoadFails("""{"model": {"type": "WordPiece", "vocab": {}}}""").Message);
    }

    [Fact]
    public void Unsupported_pre_tokenizer()
    {
        var document = TinyTokenizerJson.Document(PreTokenizerPatterns.Qwen2);
        document["pre_tokenizer"] = new JsonObject { ["type"] = "Metaspace", ["replacement"] = "▁" };
        Assert.Contains("Metaspace", LoadFails(document.ToJsonString()).Message);
    }

    [Fact]
    public void Bad_merge_entry()
    {
        var document = TinyTokenizerJson.Document(PreTokenizerPatterns.Qwen2);
        ((JsonArray)document["model"]!["merges"]!).Add(42);
        Assert.Contains("model.merges[9] is 42", LoadFails(document.ToJsonString()).Message);
    }

    [Fact]
    public void Missing_path_and_empty_folder_say_what_to_pass()
    {
        var missing = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load("/nonexistent/tokenizer.json"));
        Assert.Contains("pass `chars`", missing.Message);
        using var folder = new TemporaryFolder();
        var empty = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(folder.Path));
        Assert.Contains("no tokenizer.json", empty.Message);
    }

    [Fact]
    public void Bad_vocab_bpe_line_names_file_and_line()
    {
        using var folder = new TemporaryFolder();
        folder.Write("encoder.json", """{"a": 0, "b": 1, "ab": 2}""");
        var merges = folder.Write("vocab.bpe", "#version: 0.2\na b\nabc\n");
        var error = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(folder.Path));
        Assert.StartsWith($"{merges}:3: error:", error.Message);
    }
}
