using Reft.Runtime.Models;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Models;

/// <summary>Small seeded models and helpers to compare tensors.</summary>
internal static class TestModels
{
    /// <summary>3 layers, grouped-query attention (4 query heads over 2 key/value heads), 24 tokens.</summary>
    public static Transformer Tiny(long seed = 11) =>
        Transformer.Tiny(layers: 3, dim: 32, heads: 4, kvHeads: 2, context: 32, vocab: 24, seed: seed);

    /// <summary>Every optional feature on: Qwen2-style qkv bias plus an output bias, Qwen3 q/k norm, untied head, llama3 RoPE scaling.</summary>
    public static ModelConfig FullFeatured() => ModelConfig.Tiny(layers: 2, dim: 16, heads: 4, kvHeads: 2, context: 16, vocab: 11) with
    {
        ModelType = ModelConfig.Qwen3,
        IntermediateSize = 24,
        HeadDim = 6,
        QkvBias = true,
        OutputBias = true,
        QkNorm = true,
        TieWordEmbeddings = false,
        RopeTheta = 500,
        RopeScaling = new RopeScaling(RopeScalingKind.Llama3, 4.0, 1.0, 4.0, 8),
    };

    public static Tensor Ids(long[,] ids) => torch.tensor(ids.Cast<long>().ToArray(), [ids.GetLength(0), ids.GetLength(1)]);

    public static float MaxAbsDifference(Tensor a, Tensor b)
    {
        using var difference = (a - b).abs().max();
        return difference.ToSingle();
    }

    /// <summary>Sets every parameter to small seeded noise, so biases and norms are not at their trivial init.</summary>
    public static void Perturb(Transformer model, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        foreach (var (_, parameter) in model.NamedParameters)
        {
            parameter.add_(torch.randn(parameter.shape, generator: generator) * 0.1);
        }
    }
}
