using Reft.Runtime.Torch;

namespace Reft.Runtime.Algorithms;

/// <summary>
/// Advantages over reward tensors of shape [B] laid out group by group (ALGORITHMS.md §1 and §8). Results are
/// detached: advantages are constants in the loss. <see cref="ReferenceAdvantages"/> holds the same maths on arrays.
/// </summary>
public static class Advantages
{
    /// <summary>
    /// A_i = (R_i − mean_g R) / (s + eps), s = unbiased std of the group (Std) or of the batch (BatchStd);
    /// A_i = R_i − mean_g R (None). A group of one completion has advantage 0.
    /// </summary>
    public static Tensor Group(Tensor rewards, int group, AdvantageScale scale, double eps = ReferenceAdvantages.Eps)
    {
        GroupChecks.Require((int)rewards.shape[0], group);
        using var noGrad = torch.no_grad();
        if (group == 1) return torch.zeros_like(rewards);
        var grouped = rewards.view(-1, group);
        var centred = grouped - grouped.mean([1], keepdim: true);
        var scaled = scale switch
        {
            AdvantageScale.Std => centred / (UnbiasedStd(grouped, 1) + eps),
            AdvantageScale.BatchStd => centred / (UnbiasedStd(rewards.view(1, -1), 1) + eps),
            _ => centred,
        };
        return scaled.reshape(-1);
    }

    /// <summary>
    /// AGRO: z_i = R_i − β·(log π(y_i) − log π_ref(y_i)) from sequence log-prob sums [B]; A_i = z_i − mean_g z (detached).
    /// </summary>
    public static Tensor Agro(Tensor rewards, Tensor sequenceLogProbs, Tensor referenceSequenceLogProbs, int group, double beta)
    {
        GroupChecks.Require((int)rewards.shape[0], group);
        if (!(beta > 0)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "AGRO needs beta > 0");
        using var noGrad = torch.no_grad();
        var z = (rewards - beta * (sequenceLogProbs - referenceSequenceLogProbs)).view(-1, group);
        return (z - z.mean([1], keepdim: true)).reshape(-1);
    }

    // sqrt(Σ (x − mean)² / (n − 1)) along dim, keeping it for broadcasting.
    private static Tensor UnbiasedStd(Tensor values, long dim)
    {
        var n = values.shape[dim];
        var centred = values - values.mean([dim], keepdim: true);
        return (centred * centred).sum([dim], keepdim: true).div(Math.Max(1, n - 1)).sqrt();
    }
}
