using Reft.Runtime.Torch;

namespace Reft.Runtime.Models;

/// <summary>
/// Rotary position embeddings in Hugging Face's half-split convention: dimension i is rotated with
/// dimension i + d/2. Angles are computed in float32 from each token's own position.
/// </summary>
internal sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor inverseFrequencies;

    public RotaryEmbedding(ModelConfig config, Device device)
    {
        var inverse = RotaryFrequencies.Inverse(config.HeadDim, config.RopeTheta, config.RopeScaling);
        inverseFrequencies = torch.tensor(inverse.Select(value => (float)value).ToArray(), device: device).DetachFromDisposeScope();
    }

    /// <summary>cos and sin of shape [B, 1, T, headDim] for positions [B, T], in <paramref name="dtype"/>.</summary>
    public (Tensor Cos, Tensor Sin) Angles(Tensor positions, ScalarType dtype)
    {
        var frequencies = positions.to(ScalarType.Float32).unsqueeze(-1) * inverseFrequencies;
        var angles = torch.cat([frequencies, frequencies], -1).unsqueeze(1);
        return (angles.cos().to(dtype), angles.sin().to(dtype));
    }

    /// <summary>x·cos + rotate_half(x)·sin for x of shape [B, heads, T, headDim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.size(-1) / 2;
        var rotated = torch.cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return x * cos + rotated * sin;
    }

    public void Dispose() => inverseFrequencies.Dispose();
}
