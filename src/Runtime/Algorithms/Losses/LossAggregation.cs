namespace Reft.Runtime.Algorithms;

/// <summary>How per-token losses become one number (ALGORITHMS.md §3), always over the whole optimizer batch.</summary>
public enum LossAggregation
{
    /// <summary>Σ m ℓ / Σ m (DAPO, default).</summary>
    TokenMean,

    /// <summary>(1/B) Σ_i (1/|y_i|) Σ_t m ℓ (original GRPO).</summary>
    SeqMeanTokenMean,

    /// <summary>(1/B) Σ_i Σ_t m ℓ (also AGRO's token sums).</summary>
    SeqMeanTokenSum,

    /// <summary>Σ m ℓ / (B · C) (Dr. GRPO).</summary>
    Constant,
}
