namespace Reft.Runtime.Algorithms;

/// <summary>How group-centred rewards are scaled (ALGORITHMS.md §1).</summary>
public enum AdvantageScale
{
    /// <summary>GRPO: (R − mean_g) / (std_g + eps), unbiased std.</summary>
    Std,

    /// <summary>Dr. GRPO: R − mean_g.</summary>
    None,

    /// <summary>(R − mean_g) / (std_batch + eps), unbiased std over the whole batch.</summary>
    BatchStd,
}
