namespace Reft.Compiler.Tests.Support;

/// <summary>
/// The GPU example's checkpoint folder holds only config.json in the repository. Tests compile a
/// copy of examples/ in a temporary folder where that checkpoint also has stand-in weights and a
/// stub tokenizer.json, so the examples compile with no diagnostic at all.
/// </summary>
public static class ExampleFixtures
{
    private static readonly Lazy<string> Folder = new(Create);

    public static string Directory => Folder.Value;

    public static IEnumerable<string> Names =>
        System.IO.Directory.GetFiles(Specs.ExamplesDirectory, "*.reft").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static string PathOf(string example) => Path.Combine(Directory, example + ".reft");

    public const string QwenConfig = """
        {
          "architectures": ["Qwen2ForCausalLM"],
          "model_type": "qwen2",
          "hidden_size": 896,
          "intermediate_size": 4864,
          "num_hidden_layers": 24,
          "num_attention_heads": 14,
          "num_key_value_heads": 2,
          "max_position_embeddings": 32768,
          "vocab_size": 151936,
          "rms_norm_eps": 1e-06,
          "rope_theta": 1000000.0,
          "tie_word_embeddings": true,
          "torch_dtype": "bfloat16"
        }
        """;

    private static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reft-compiler-tests-" + Guid.NewGuid().ToString("N"));
        CopyFolder(Specs.ExamplesDirectory, folder);
        Write(folder, "models/Qwen2.5-0.5B-Instruct/tokenizer.json", """{ "model": { "type": "BPE", "vocab": {}, "merges": [] } }""");
        Write(folder, "models/Qwen2.5-0.5B-Instruct/model.safetensors", "");
        return folder;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
