using Reft.Runtime.Torch;

namespace Reft.Runtime.Algorithms;

/// <summary>Supervised warm-up: token cross-entropy on answer tokens only.</summary>
public static class SftLoss
{
    /// <summary>
    /// ℓ_{i,t} = −log softmax(logits_{i,t})[target_{i,t}] per token [B, T]; reduce with a token_mean
    /// <see cref="LossNormalizer"/> over the answer mask so prompt tokens carry no loss.
    /// </summary>
    public static Tensor PerToken(Tensor logits, Tensor targets) =>
        -logits.log_softmax(-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1);
}
