namespace Reft.Runtime.Algorithms;

/// <summary>The PPO clip range 1 − ε_low .. 1 + ε_high and the optional dual-clip bound c &gt; 1 for negative advantages.</summary>
public sealed record ClipRange(double Low, double High, double? DualClip = null)
{
    public static ClipRange Symmetric(double epsilon) => new(epsilon, epsilon);

    /// <summary>Problems with the bounds, each saying how to fix it; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(Low > 0 && Low < 1)) problems.Add($"clip low {Low} must be in (0, 1)");
        if (!(High > 0 && High < 1)) problems.Add($"clip high {High} must be in (0, 1)");
        if (DualClip is { } c && !(c > 1)) problems.Add($"dual clip {c} must be above 1");
        return problems;
    }
}
