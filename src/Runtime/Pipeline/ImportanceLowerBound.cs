using Reft.Runtime.Algorithms;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// <c>masked_is(min: m, max: M)</c>: besides dropping tokens whose ρ exceeds M, drop those whose ρ
/// falls below m (tokens the behaviour policy made far likelier than π_old).
/// </summary>
public static class ImportanceLowerBound
{
    /// <summary>1 where ρ ≥ <paramref name="min"/> (per token, or per sequence broadcast to its tokens), else 0; [B, T].</summary>
    public static Tensor Keep(Tensor oldLogProbs, Tensor behaviourLogProbs, Tensor mask, double min, RatioLevel level)
    {
        using var noGrad = torch.no_grad();
        var logRho = LogRatio.Clamped(oldLogProbs, behaviourLogProbs) * mask;
        if (level == RatioLevel.Sequence) logRho = logRho.sum([1], keepdim: true).clamp(-LogRatio.Bound, LogRatio.Bound).expand_as(mask);
        return logRho.ge(Math.Log(min)).to_type(mask.dtype);
    }
}
