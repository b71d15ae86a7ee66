using Reft.Runtime.Torch;

namespace Reft.Runtime.Algorithms;

/// <summary>Per-token estimators of KL(π_θ ‖ π_ref) from δ = log π_θ − log π_ref (ALGORITHMS.md §4).</summary>
public enum KlEstimator
{
    /// <summary>k1 = δ.</summary>
    K1,

    /// <summary>k2 = δ²/2.</summary>
    K2,

    /// <summary>k3 = exp(−δ) + δ − 1 (non-negative, low variance).</summary>
    K3,
}

/// <summary>KL penalties in the loss or in the reward.</summary>
public static class KlPenalty
{
    /// <summary>Per-token k [B, T]; δ is clamped to ±20 so k3 stays finite. Differentiable in <paramref name="logProbs"/>.</summary>
    public static Tensor PerToken(KlEstimator estimator, Tensor logProbs, Tensor referenceLogProbs)
    {
        var delta = LogRatio.Clamped(logProbs, referenceLogProbs.detach());
        return estimator switch
        {
            KlEstimator.K1 => delta,
            KlEstimator.K2 => delta * delta * 0.5,
            _ => (-delta).exp() + delta - 1,
        };
    }

    /// <summary>Placement "loss": ℓ + β·k per token, reduced later with the policy loss.</summary>
    public static Tensor AddToLoss(Tensor perTokenLoss, KlEstimator estimator, double beta, Tensor logProbs, Tensor referenceLogProbs) =>
        perTokenLoss + beta * PerToken(estimator, logProbs, referenceLogProbs);

    /// <summary>Placement "reward": R_i − β·Σ_t m_{i,t}·k_{i,t}, detached, shape [B].</summary>
    public static Tensor SubtractFromReward(Tensor rewards, KlEstimator estimator, double beta, Tensor logProbs, Tensor referenceLogProbs, Tensor mask)
    {
        using var noGrad = torch.no_grad();
        return rewards - beta * (PerToken(estimator, logProbs, referenceLogProbs) * mask).sum([1]);
    }
}
