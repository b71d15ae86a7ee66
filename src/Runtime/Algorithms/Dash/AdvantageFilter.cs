using Reft.Runtime.Torch;

namespace Reft.Runtime.Algorithms;

/// <summary>DASH gradient filtering over an advantage tensor [B]; see <see cref="GradientFilter"/>.</summary>
public static class AdvantageFilter
{
    public static FilterOutcome AbsAdvantageAbove(Tensor advantages, double threshold) =>
        GradientFilter.AbsAdvantageAbove(advantages.detach().data<double>(), threshold);
}
