namespace Reft.Compiler.Tests.Support;

/// <summary>
/// The examples refer to a Hugging Face checkpoint and jsonl files that are not in the repository.
/// Tests compile copies of the examples in a temporary folder that holds small stand-ins: the real
/// Qwen2.5-0.5B-Instruct config.json (so shapes and estimates are the real ones), a stub
/// tokenizer.json, and a few jsonl rows with the keys the examples map.
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
        System.IO.Directory.CreateDirectory(folder);
        foreach (var example in System.IO.Directory.GetFiles(Specs.ExamplesDirectory, "*.reft"))
            File.Copy(example, Path.Combine(folder, Path.GetFileName(example)));
        Write(folder, "models/Qwen2.5-0.5B-Instruct/config.json", QwenConfig);
        Write(folder, "models/Qwen2.5-0.5B-Instruct/tokenizer.json", """{ "model": { "type": "BPE", "vocab": {}, "merges": [] } }""");
        const string gsm8k = """
            {"question": "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?", "answer": "Natalia sold 48/2 = 24 clips in May.\nNatalia sold 48+24 = 72 clips altogether in April and May.\n#### 72"}
            {"question": "Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of babysitting. How much did she earn?", "answer": "Weng earns 12/60 = $0.2 per minute.\nWorking 50 minutes, she earned 0.2 x 50 = $10.\n#### 10"}
            """;
        Write(folder, "data/gsm8k/train.jsonl", gsm8k);
        Write(folder, "data/gsm8k/test.jsonl", gsm8k);
        Write(folder, "data/arith-replay.jsonl", """
            {"question": "12+7", "answer": "19", "completion": "19"}
            {"question": "3+5", "answer": "8", "completion": "9"}
            """);
        return folder;
    }

    public static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
