using Reft.Runtime.Torch;

namespace Reft.Runtime.Algorithms;

/// <summary>Detached per-token weights [B, T] for the policy loss, plus statistics of the importance ratios.</summary>
public sealed record CorrectionWeights(Tensor Weights, ImportanceStats Stats);

/// <summary>
/// ρ statistics for the metrics: mean and max of ρ over real tokens (token level) or over sequences with a real
/// token (sequence level); fractions truncated (ρ &gt; C under truncated_is, ρ_t &gt; 1 under retrace) and masked;
/// KL(μ ‖ π_old) per token estimated on μ's samples as mean(ρ_t − 1 − log ρ_t).
/// </summary>
public sealed record ImportanceStats(double MeanRho, double MaxRho, double FractionTruncated, double FractionMasked, double BehaviourKl);

/// <summary>
/// Off-policy weights from log π_old (recomputed by the learner with the full model) and log μ (recorded at sampling
/// time): ρ_t = exp(clamp(log π_old − log μ, ±20)), ρ = exp(clamp(Σ_t m·(log π_old − log μ), ±20)).
/// Weights on padding tokens are 0.
/// </summary>
public static class OffPolicyCorrection
{
    public static CorrectionWeights Weights(Correction correction, Tensor oldLogProbs, Tensor behaviourLogProbs, Tensor mask)
    {
        var problems = correction.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        using var noGrad = torch.no_grad();
        var tokenLogRho = LogRatio.Clamped(oldLogProbs, behaviourLogProbs) * mask;
        var sequenceLogRho = (tokenLogRho.sum([1], keepdim: true)).clamp(-LogRatio.Bound, LogRatio.Bound);
        var tokenRho = tokenLogRho.exp();
        var behaviourKl = BehaviourKl(tokenLogRho, mask);
        switch (correction)
        {
            case Correction.TruncatedIs { Level: var level } t:
            {
                var rho = level == RatioLevel.Token ? tokenRho : sequenceLogRho.exp().expand_as(mask);
                var weights = rho.clamp_max(t.Max) * mask;
                return new(weights, Stats(rho, level, mask, rho.gt(t.Max), null, behaviourKl));
            }
            case Correction.MaskedIs { Level: var level } m:
            {
                var rho = level == RatioLevel.Token ? tokenRho : sequenceLogRho.exp().expand_as(mask);
                var kept = rho.le(m.Max).to_type(mask.dtype);
                return new(kept * mask, Stats(rho, level, mask, null, rho.gt(m.Max), behaviourKl));
            }
            case Correction.Retrace r:
                return new(RetraceWeights(tokenLogRho, mask, r.Lambda), Stats(tokenRho, RatioLevel.Token, mask, tokenRho.gt(1), null, behaviourKl));
            default:
                return new(mask.clone(), Stats(tokenRho, RatioLevel.Token, mask, null, null, behaviourKl));
        }
    }

    /// <summary>
    /// Retrace-λ with a terminal reward: w_t = min(1, ρ_t)·Π_{s&gt;t, real} λ·min(1, ρ_s), computed in log space as
    /// min(0, log ρ_t) + Σ_{s&gt;t} m_s·(log λ + min(0, log ρ_s)) with a reversed cumulative sum.
    /// </summary>
    public static Tensor RetraceWeights(Tensor tokenLogRho, Tensor mask, double lambda)
    {
        var logTruncated = tokenLogRho.clamp_max(0) * mask;
        var logTrace = (logTruncated + Math.Log(lambda)) * mask;
        var inclusiveSuffix = logTrace.flip(1).cumsum(1).flip(1);
        return (logTruncated + inclusiveSuffix - logTrace).exp() * mask;
    }

    private static double BehaviourKl(Tensor tokenLogRho, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var tokens = mask.sum().item<double>();
        if (tokens == 0) return 0;
        return ((tokenLogRho.exp() - 1 - tokenLogRho) * mask).sum().item<double>() / tokens;
    }

    private static ImportanceStats Stats(Tensor rho, RatioLevel level, Tensor mask, Tensor? truncated, Tensor? masked, double behaviourKl)
    {
        using var scope = torch.NewDisposeScope();
        // Sequence-level ratios are broadcast along tokens; count each sequence once through its first column.
        var (values, weight) = level == RatioLevel.Token
            ? (rho, mask)
            : (rho.narrow(1, 0, 1), mask.sum([1], keepdim: true).gt(0).to_type(mask.dtype));
        var count = weight.sum().item<double>();
        if (count == 0) return new ImportanceStats(0, 0, 0, 0, behaviourKl);
        double Fraction(Tensor? flags) => flags is null
            ? 0
            : ((level == RatioLevel.Token ? flags : flags.narrow(1, 0, 1)).to_type(mask.dtype) * weight).sum().item<double>() / count;
        var mean = (values * weight).sum().item<double>() / count;
        var max = torch.where(weight.gt(0), values, torch.zeros_like(values)).max().item<double>();
        return new ImportanceStats(mean, max, Fraction(truncated), Fraction(masked), behaviourKl);
    }
}
