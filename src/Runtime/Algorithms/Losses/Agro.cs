using Reft.Runtime.Torch;

namespace Reft.Runtime.Algorithms;

/// <summary>
/// AGRO (Tang et al., arXiv 2503.19612), our reconstruction (ALGORITHMS.md §8): with A from
/// <see cref="Advantages.Agro"/>, loss = −(1/G) Σ_i A_i Σ_t m_{i,t} log π_θ(y_{i,t}), averaged over prompts — the
/// per-token REINFORCE loss reduced by token sums per sequence (<see cref="LossAggregation.SeqMeanTokenSum"/>).
/// No importance weights: it holds for samples from any behaviour policy.
/// </summary>
public static class Agro
{
    public const LossAggregation Aggregation = LossAggregation.SeqMeanTokenSum;

    /// <summary>Sequence sums Σ_t m·log p [B] (the ℓ of the AGRO advantage uses them for π_θ and π_ref).</summary>
    public static Tensor SequenceLogProbs(Tensor tokenLogProbs, Tensor mask) => (tokenLogProbs * mask).sum([1]);

    /// <summary>This micro-batch's part of the AGRO loss; <paramref name="normalizer"/> must aggregate by token sums.</summary>
    public static Tensor Loss(Tensor logProbs, Tensor advantages, Tensor mask, LossNormalizer normalizer)
    {
        if (normalizer.Mode != Aggregation)
            throw new ArgumentException($"the AGRO loss sums tokens per sequence; build its normalizer with {nameof(LossAggregation)}.{Aggregation}");
        return normalizer.Aggregate(PolicyLosses.Reinforce(logProbs, advantages), mask);
    }
}
