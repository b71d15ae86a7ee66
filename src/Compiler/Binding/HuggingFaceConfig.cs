using System.Text.Json;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Binding;

/// <summary>Reads the decoder shape from a Llama/Qwen2 config.json at compile time.</summary>
public static class HuggingFaceConfig
{
    public static ModelConfig? Read(string path, out string architecture, out string? problem)
    {
        architecture = "llama";
        problem = null;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            problem = $"is not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}); restore the file from the model's repository";
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read ({error.Message}); check that the file is readable";
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "is not a JSON object; restore the file from the model's repository";
            return null;
        }
        if (root.TryGetProperty("model_type", out var type) && type.ValueKind == JsonValueKind.String)
            architecture = type.GetString()!;
        var missing = new List<string>();
        int Required(string key)
        {
            if (root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
                return number;
            missing.Add(key);
            return 0;
        }
        var layers = Required("num_hidden_layers");
        var hidden = Required("hidden_size");
        var heads = Required("num_attention_heads");
        var context = Required("max_position_embeddings");
        var vocab = Required("vocab_size");
        var intermediate = Required("intermediate_size");
        if (missing.Count > 0)
        {
            problem = "lacks the integer key(s) " + string.Join(", ", missing) + "; only Llama/Qwen2-style decoder configs are supported";
            return null;
        }
        var kvHeads = root.TryGetProperty("num_key_value_heads", out var kv) && kv.ValueKind == JsonValueKind.Number && kv.TryGetInt32(out var kvCount) ? kvCount : heads;
        var tie = root.TryGetProperty("tie_word_embeddings", out var tied) && tied.ValueKind == JsonValueKind.True;
        var theta = root.TryGetProperty("rope_theta", out var rope) && rope.ValueKind == JsonValueKind.Number ? rope.GetDouble() : 10000;
        var epsilon = root.TryGetProperty("rms_norm_eps", out var eps) && eps.ValueKind == JsonValueKind.Number ? eps.GetDouble() : 1e-6;
        return new ModelConfig(layers, hidden, heads, kvHeads, context, vocab, intermediate, tie, AttentionBias: architecture == "qwen2", theta, epsilon);
    }
}
