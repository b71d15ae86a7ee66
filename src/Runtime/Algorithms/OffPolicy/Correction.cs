namespace Reft.Runtime.Algorithms;

/// <summary>Whether importance ratios are per token or per sequence.</summary>
public enum RatioLevel
{
    Token,
    Sequence,
}

/// <summary>Off-policy correction for a behaviour policy μ ≠ π_old (ALGORITHMS.md §5).</summary>
public abstract record Correction
{
    private Correction() { }

    /// <summary>Weight 1: samples treated as on-policy (biased when μ ≠ π_old).</summary>
    public sealed record None : Correction;

    /// <summary>min(ρ, Max) with ρ = ρ_t (token) or Π_t ρ_t broadcast to the tokens (sequence).</summary>
    public sealed record TruncatedIs(double Max, RatioLevel Level) : Correction;

    /// <summary>1 if ρ ≤ Max else 0: drop instead of truncate.</summary>
    public sealed record MaskedIs(double Max, RatioLevel Level) : Correction;

    /// <summary>min(1, ρ_t)·Π_{s&gt;t} λ·min(1, ρ_s) (terminal reward, no critic).</summary>
    public sealed record Retrace(double Lambda) : Correction;

    /// <summary>Weight 1, but the clipped surrogate uses r = π_θ/μ instead of π_θ/π_old.</summary>
    public sealed record BehaviourRatio : Correction;

    /// <summary>Problems with the parameters, each saying how to fix it; empty when valid.</summary>
    public IReadOnlyList<string> Problems() => this switch
    {
        TruncatedIs t when !(t.Max > 0) => [$"truncated_is max {t.Max} must be above 0, e.g. 2.0"],
        MaskedIs m when !(m.Max > 0) => [$"masked_is max {m.Max} must be above 0, e.g. 2.0"],
        Retrace r when !(r.Lambda > 0 && r.Lambda <= 1) => [$"retrace lambda {r.Lambda} must be in (0, 1], e.g. 0.95"],
        _ => [],
    };
}
