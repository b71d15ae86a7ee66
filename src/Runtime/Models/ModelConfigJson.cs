using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reft.Runtime.Models;

/// <summary>Reads and writes <see cref="ModelConfig"/> as a Hugging Face <c>config.json</c>.</summary>
public static class ModelConfigJson
{
    public const string FileName = "config.json";

    public static ModelConfig Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, $"cannot read the model config ({error.Message}); check that the folder holds config.json");
        }

        return Parse(path, text);
    }

    public static ModelConfig Parse(string path, string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject
                ?? throw new ModelFileException(path, "config.json must be a JSON object; re-export the checkpoint");
        }
        catch (JsonException error)
        {
            throw new ModelFileException(path, $"config.json is not valid JSON ({error.Message}); fix or re-download it");
        }

        var fields = new ConfigFields(path, root);
        var modelType = fields.RequiredString("model_type");
        if (!ModelConfig.SupportedModelTypes.Contains(modelType))
        {
            throw new ModelFileException(path,
                $"model_type '{modelType}' is not supported; this runtime loads {string.Join(", ", ModelConfig.SupportedModelTypes)} checkpoints");
        }

        var activation = fields.OptionalString("hidden_act") ?? "silu";
        if (activation != "silu")
        {
            throw new ModelFileException(path, $"hidden_act '{activation}' is not supported; the Llama/Qwen MLP here uses silu");
        }

        if (fields.OptionalBool("mlp_bias") == true)
        {
            throw new ModelFileException(path, "mlp_bias is true, which this runtime does not implement; use a checkpoint without MLP biases");
        }

        if (fields.OptionalBool("use_sliding_window") == true)
        {
            throw new ModelFileException(path, "use_sliding_window is true, which this runtime does not implement; set it to false (full attention)");
        }

        var hidden = fields.RequiredInt("hidden_size");
        var heads = fields.RequiredInt("num_attention_heads");
        var attentionBias = fields.OptionalBool("attention_bias") ?? false;
        var config = new ModelConfig
        {
            ModelType = modelType,
            VocabSize = fields.RequiredInt("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = fields.RequiredInt("intermediate_size"),
            NumLayers = fields.RequiredInt("num_hidden_layers"),
            NumHeads = heads,
            NumKvHeads = fields.OptionalInt("num_key_value_heads") ?? heads,
            HeadDim = fields.OptionalInt("head_dim") ?? (heads > 0 ? hidden / heads : 0),
            RmsNormEps = fields.OptionalDouble("rms_norm_eps") ?? 1e-6,
            RopeTheta = fields.OptionalDouble("rope_theta") ?? 10_000,
            RopeScaling = ReadRopeScaling(fields),
            MaxPositionEmbeddings = fields.RequiredInt("max_position_embeddings"),
            TieWordEmbeddings = fields.OptionalBool("tie_word_embeddings") ?? false,
            QkvBias = modelType == ModelConfig.Qwen2 || attentionBias,
            OutputBias = modelType != ModelConfig.Qwen2 && attentionBias,
            QkNorm = modelType == ModelConfig.Qwen3,
            BosTokenId = fields.OptionalInt("bos_token_id"),
            EosTokenIds = fields.IntOrIntList("eos_token_id"),
            TorchDType = fields.OptionalString("torch_dtype"),
        };
        var problem = config.FindProblem();
        return problem is null ? config : throw new ModelFileException(path, problem);
    }

    public static void Write(string path, ModelConfig config) => File.WriteAllText(path, ToJson(config));

    public static string ToJson(ModelConfig config)
    {
        var root = new JsonObject
        {
            ["architectures"] = new JsonArray(Architecture(config.ModelType)),
            ["model_type"] = config.ModelType,
            ["vocab_size"] = config.VocabSize,
            ["hidden_size"] = config.HiddenSize,
            ["intermediate_size"] = config.IntermediateSize,
            ["num_hidden_layers"] = config.NumLayers,
            ["num_attention_heads"] = config.NumHeads,
            ["num_key_value_heads"] = config.NumKvHeads,
            ["head_dim"] = config.HeadDim,
            ["hidden_act"] = "silu",
            ["rms_norm_eps"] = config.RmsNormEps,
            ["rope_theta"] = config.RopeTheta,
            ["rope_scaling"] = RopeScalingJson(config.RopeScaling),
            ["max_position_embeddings"] = config.MaxPositionEmbeddings,
            ["tie_word_embeddings"] = config.TieWordEmbeddings,
        };
        if (config.ModelType != ModelConfig.Qwen2)
        {
            root["attention_bias"] = config.QkvBias;
            root["mlp_bias"] = false;
        }

        if (config.BosTokenId is { } bos)
        {
            root["bos_token_id"] = bos;
        }

        if (config.EosTokenIds.Count == 1)
        {
            root["eos_token_id"] = config.EosTokenIds[0];
        }
        else if (config.EosTokenIds.Count > 1)
        {
            root["eos_token_id"] = new JsonArray(config.EosTokenIds.Select(id => (JsonNode)id).ToArray());
        }

        if (config.TorchDType is { } dtype)
        {
            root["torch_dtype"] = dtype;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string Architecture(string modelType) => modelType switch
    {
        ModelConfig.Qwen2 => "Qwen2ForCausalLM",
        ModelConfig.Qwen3 => "Qwen3ForCausalLM",
        _ => "LlamaForCausalLM",
    };

    private static JsonNode? RopeScalingJson(RopeScaling? scaling) => scaling switch
    {
        null => null,
        { Kind: RopeScalingKind.Linear } => new JsonObject { ["rope_type"] = "linear", ["factor"] = scaling.Factor },
        _ => new JsonObject
        {
            ["rope_type"] = "llama3",
            ["factor"] = scaling.Factor,
            ["low_freq_factor"] = scaling.LowFreqFactor,
            ["high_freq_factor"] = scaling.HighFreqFactor,
            ["original_max_position_embeddings"] = scaling.OriginalMaxPositionEmbeddings,
        },
    };

    private static RopeScaling? ReadRopeScaling(ConfigFields fields)
    {
        var scaling = fields.OptionalObject("rope_scaling");
        if (scaling is null)
        {
            return null;
        }

        var kind = scaling.OptionalString("rope_type") ?? scaling.OptionalString("type") ?? "default";
        return kind switch
        {
            "default" => null,
            "linear" => new RopeScaling(RopeScalingKind.Linear, scaling.RequiredDouble("factor")),
            "llama3" => new RopeScaling(
                RopeScalingKind.Llama3,
                scaling.RequiredDouble("factor"),
                scaling.OptionalDouble("low_freq_factor") ?? 1.0,
                scaling.OptionalDouble("high_freq_factor") ?? 4.0,
                scaling.OptionalInt("original_max_position_embeddings") ?? 8192),
            _ => throw new ModelFileException(fields.Path,
                $"rope_scaling type '{kind}' is not supported; supported: default, linear, llama3 (remove rope_scaling to use the model at its original context)"),
        };
    }

    /// <summary>Typed access to config.json fields with errors that name the field and the file.</summary>
    private sealed class ConfigFields(string path, JsonObject root, string prefix = "")
    {
        public string Path => path;

        public string RequiredString(string key) => OptionalString(key) ?? throw Missing(key);

        public int RequiredInt(string key) => OptionalInt(key) ?? throw Missing(key);

        public double RequiredDouble(string key) => OptionalDouble(key) ?? throw Missing(key);

        public string? OptionalString(string key) => Value(key) switch
        {
            null => null,
            var value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => throw Wrong(key, "a string"),
        };

        public bool? OptionalBool(string key) => Value(key) switch
        {
            null => null,
            var value when value.GetValueKind() == JsonValueKind.True => true,
            var value when value.GetValueKind() == JsonValueKind.False => false,
            _ => throw Wrong(key, "true or false"),
        };

        public int? OptionalInt(string key)
        {
            var value = Value(key);
            if (value is null)
            {
                return null;
            }

            return AsInt(value) ?? throw Wrong(key, "an integer");
        }

        public double? OptionalDouble(string key) => Value(key) switch
        {
            null => null,
            var value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
            _ => throw Wrong(key, "a number"),
        };

        public IReadOnlyList<int> IntOrIntList(string key)
        {
            if (root[key] is not JsonArray array)
            {
                return OptionalInt(key) is { } single ? [single] : [];
            }

            return array.Select(item => item is JsonValue value && AsInt(value) is { } id
                ? id
                : throw Wrong(key, "an integer or a list of integers")).ToList();
        }

        public ConfigFields? OptionalObject(string key) => root[key] switch
        {
            null => null,
            JsonObject child => new ConfigFields(path, child, prefix + key + "."),
            _ => throw Wrong(key, "an object"),
        };

        private JsonValue? Value(string key) => root[key] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
            JsonValue value => value,
            _ => throw Wrong(key, "a single value"),
        };

        private static int? AsInt(JsonValue value) =>
            value.GetValueKind() == JsonValueKind.Number && value.GetValue<double>() is var number
            && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue
                ? (int)number
                : null;

        private ModelFileException Missing(string key) =>
            new(path, $"config.json has no '{prefix}{key}'; add it or re-download the checkpoint's config.json");

        private ModelFileException Wrong(string key, string expected) =>
            new(path, $"config.json field '{prefix}{key}' must be {expected}");
    }
}
