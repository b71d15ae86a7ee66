using Reft.Runtime.Torch;

namespace Reft.Runtime.Algorithms;

/// <summary>Log-space ratios, clamped so exp never overflows: log r = clamp(log p − log q, −20, 20).</summary>
public static class LogRatio
{
    public const double Bound = 20;

    public static Tensor Clamped(Tensor logNumerator, Tensor logDenominator) =>
        (logNumerator - logDenominator).clamp(-Bound, Bound);
}
