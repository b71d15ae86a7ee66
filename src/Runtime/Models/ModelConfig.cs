namespace Reft.Runtime.Models;

/// <summary>
/// The shape of a decoder-only transformer in the Llama / Qwen2 / Qwen3 family, with the meaning
/// (and names, in config.json) Hugging Face gives each field.
/// </summary>
public sealed record ModelConfig
{
    public const string Llama = "llama";
    public const string Qwen2 = "qwen2";
    public const string Qwen3 = "qwen3";

    public static IReadOnlyList<string> SupportedModelTypes { get; } = [Llama, Qwen2, Qwen3];

    public required string ModelType { get; init; }

    public required int VocabSize { get; init; }

    public required int HiddenSize { get; init; }

    public required int IntermediateSize { get; init; }

    public required int NumLayers { get; init; }

    public required int NumHeads { get; init; }

    public required int NumKvHeads { get; init; }

    public required int HeadDim { get; init; }

    public double RmsNormEps { get; init; } = 1e-6;

    public double RopeTheta { get; init; } = 10_000;

    public RopeScaling? RopeScaling { get; init; }

    public required int MaxPositionEmbeddings { get; init; }

    public bool TieWordEmbeddings { get; init; }

    /// <summary>Biases on the q, k and v projections (always on in Qwen2).</summary>
    public bool QkvBias { get; init; }

    /// <summary>A bias on the output projection (Llama and Qwen3 with attention_bias).</summary>
    public bool OutputBias { get; init; }

    /// <summary>RMSNorm over each head's queries and keys before RoPE (Qwen3).</summary>
    public bool QkNorm { get; init; }

    public int? BosTokenId { get; init; }

    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>The weights' precision as config.json records it ("float32", "bfloat16", ...), if it does.</summary>
    public string? TorchDType { get; init; }

    public int KvGroupSize => NumHeads / NumKvHeads;

    /// <summary>
    /// A from-scratch Llama-layout model: SwiGLU width 8/3 of <paramref name="dim"/> rounded up to a
    /// multiple of 32, tied embeddings, RoPE theta 10000, RMSNorm eps 1e-5.
    /// </summary>
    public static ModelConfig Tiny(int layers, int dim, int heads, int kvHeads, int context, int vocab)
    {
        RequirePositive(layers, nameof(layers));
        RequirePositive(dim, nameof(dim));
        RequirePositive(heads, nameof(heads));
        RequirePositive(kvHeads, nameof(kvHeads));
        RequirePositive(context, nameof(context));
        RequirePositive(vocab, nameof(vocab));
        if (dim % heads != 0)
        {
            throw new ArgumentException($"tiny model: dim {dim} is not divisible by heads {heads}; choose a dim that is a multiple of heads");
        }

        var config = new ModelConfig
        {
            ModelType = Llama,
            VocabSize = vocab,
            HiddenSize = dim,
            IntermediateSize = (8 * dim / 3 + 31) / 32 * 32,
            NumLayers = layers,
            NumHeads = heads,
            NumKvHeads = kvHeads,
            HeadDim = dim / heads,
            RmsNormEps = 1e-5,
            RopeTheta = 10_000,
            MaxPositionEmbeddings = context,
            TieWordEmbeddings = true,
        };
        var problem = config.FindProblem();
        return problem is null ? config : throw new ArgumentException($"tiny model: {problem}");
    }

    /// <summary>The first inconsistency in the fields, phrased with its fix; null when consistent.</summary>
    public string? FindProblem()
    {
        if (!SupportedModelTypes.Contains(ModelType))
        {
            return $"model_type '{ModelType}' is not supported; use one of {string.Join(", ", SupportedModelTypes)}";
        }

        (string Name, int Value)[] sizes =
        [
            ("vocab_size", VocabSize), ("hidden_size", HiddenSize), ("intermediate_size", IntermediateSize),
            ("num_hidden_layers", NumLayers), ("num_attention_heads", NumHeads), ("num_key_value_heads", NumKvHeads),
            ("head_dim", HeadDim), ("max_position_embeddings", MaxPositionEmbeddings),
        ];
        foreach (var (name, value) in sizes)
        {
            if (value <= 0)
            {
                return $"{name} is {value}; it must be positive";
            }
        }

        if (NumHeads % NumKvHeads != 0)
        {
            return $"num_attention_heads {NumHeads} is not a multiple of num_key_value_heads {NumKvHeads}; grouped-query attention needs whole groups";
        }

        if (HeadDim % 2 != 0)
        {
            return $"head_dim {HeadDim} is odd; rotary embeddings rotate pairs of dimensions";
        }

        if (RmsNormEps <= 0 || RopeTheta <= 0)
        {
            return "rms_norm_eps and rope_theta must be positive";
        }

        var badScaling = RopeScaling is { Factor: <= 0 }
            || RopeScaling is { Kind: RopeScalingKind.Llama3 } scaling
            && (scaling.HighFreqFactor <= scaling.LowFreqFactor || scaling.OriginalMaxPositionEmbeddings <= 0);
        return badScaling
            ? "rope_scaling needs factor > 0 and, for llama3, high_freq_factor > low_freq_factor and original_max_position_embeddings > 0"
            : null;
    }

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"tiny model: {name} is {value}; it must be positive");
        }
    }
}
