using Reft.Runtime.Torch;

namespace Reft.Runtime.Algorithms;

/// <summary>
/// Per-token policy losses ℓ [B, T] (ALGORITHMS.md §2); multiply by correction weights, add KL terms, then reduce
/// with a <see cref="LossNormalizer"/>. Advantages are [B], the same for every token of a completion.
/// </summary>
public static class PolicyLosses
{
    /// <summary>
    /// ℓ = −min(r·A, clip(r, 1 − ε_low, 1 + ε_high)·A), r = exp(clamp(log π_θ − log π_old, ±20));
    /// with dual clip c: ℓ = min(ℓ, −c·A) where A &lt; 0.
    /// <paramref name="ratioBaseLogProbs"/> is log π_old recorded before the batch's first update (so epochs &gt; 1
    /// measure the ratio to the sampling-time policy), or log μ for the behaviour_ratio correction.
    /// </summary>
    public static Tensor ClippedSurrogate(Tensor logProbs, Tensor ratioBaseLogProbs, Tensor advantages, ClipRange clip)
    {
        var problems = clip.Problems();
        if (problems.Count > 0) throw new ArgumentException("invalid clip range: " + string.Join("; ", problems));
        var ratio = LogRatio.Clamped(logProbs, ratioBaseLogProbs.detach()).exp();
        var a = advantages.detach().unsqueeze(1);
        var loss = -torch.minimum(ratio * a, ratio.clamp(1 - clip.Low, 1 + clip.High) * a);
        if (clip.DualClip is not { } c) return loss;
        return torch.where(a.lt(0), torch.minimum(loss, -c * a), loss);
    }

    /// <summary>Vanilla policy gradient (REINFORCE): ℓ = −A·log π_θ.</summary>
    public static Tensor Reinforce(Tensor logProbs, Tensor advantages) => -(advantages.detach().unsqueeze(1) * logProbs);

    /// <summary>
    /// Fractions of real tokens where the clip is active: low = A &lt; 0 and r &lt; 1 − ε_low; high = A &gt; 0 and r &gt; 1 + ε_high
    /// (0 when no token is real).
    /// </summary>
    public static ClipFractions ClipFractions(Tensor logProbs, Tensor ratioBaseLogProbs, Tensor advantages, Tensor mask, ClipRange clip)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var ratio = LogRatio.Clamped(logProbs, ratioBaseLogProbs).exp();
        var a = advantages.unsqueeze(1);
        var tokens = mask.sum().item<double>();
        if (tokens == 0) return new ClipFractions(0, 0);
        var low = a.lt(0).logical_and(ratio.lt(1 - clip.Low)).to_type(mask.dtype) * mask;
        var high = a.gt(0).logical_and(ratio.gt(1 + clip.High)).to_type(mask.dtype) * mask;
        return new ClipFractions(low.sum().item<double>() / tokens, high.sum().item<double>() / tokens);
    }
}

/// <summary>Share of real tokens clipped at the low and at the high bound.</summary>
public sealed record ClipFractions(double Low, double High);
