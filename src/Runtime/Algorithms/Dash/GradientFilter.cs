namespace Reft.Runtime.Algorithms;

/// <summary>DASH gradient filtering: keep completion i iff |A_i| &gt; τ, which removes every zero-variance group.</summary>
public static class GradientFilter
{
    public static FilterOutcome AbsAdvantageAbove(IReadOnlyList<double> advantages, double threshold)
    {
        if (threshold < 0 || double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the filter threshold must be 0 or more");
        return new FilterOutcome([.. Enumerable.Range(0, advantages.Count).Where(i => Math.Abs(advantages[i]) > threshold)], advantages.Count);
    }
}
