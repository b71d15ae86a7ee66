using Reft.Runtime.Torch;

namespace Reft.Runtime.Algorithms;

/// <summary>
/// The denominators of a loss aggregation, computed once from the masks of the whole optimizer batch and passed to
/// every micro-batch, so that Σ over micro-batches of <see cref="Aggregate"/> equals the aggregate of one big batch.
/// B counts sequences with at least one real token (rows dropped by filtering or fully masked do not count).
/// With no real token at all the aggregate is 0 and <see cref="IsEmpty"/> is true: never a division by zero.
/// </summary>
public sealed record LossNormalizer(LossAggregation Mode, long Tokens, long Sequences, double Constant)
{
    /// <summary>Counts tokens and sequences over every micro-batch mask ([b, T], 1 = real completion token).</summary>
    public static LossNormalizer For(LossAggregation mode, IEnumerable<Tensor> masks, double constant = 1)
    {
        if (mode == LossAggregation.Constant && !(constant > 0))
            throw new ArgumentOutOfRangeException(nameof(constant), constant, "constant(C) needs C > 0, e.g. the max completion tokens");
        long tokens = 0, sequences = 0;
        foreach (var mask in masks)
        {
            using var scope = torch.NewDisposeScope();
            var perRow = mask.sum([1]);
            tokens += (long)Math.Round(perRow.sum().item<double>());
            sequences += (long)perRow.gt(0).sum().item<double>();
        }
        return new LossNormalizer(mode, tokens, sequences, constant);
    }

    public bool IsEmpty => Tokens == 0;

    /// <summary>This micro-batch's share of the optimizer-batch loss: per-token loss ℓ [b, T] under mask m [b, T].</summary>
    public Tensor Aggregate(Tensor perTokenLoss, Tensor mask)
    {
        var masked = perTokenLoss * mask;
        if (IsEmpty) return masked.sum() * 0.0;
        return Mode switch
        {
            LossAggregation.TokenMean => masked.sum() / Tokens,
            LossAggregation.SeqMeanTokenMean => (masked.sum([1]) / mask.sum([1]).clamp_min(1)).sum() / Sequences,
            LossAggregation.SeqMeanTokenSum => masked.sum() / Sequences,
            _ => masked.sum() / (Sequences * Constant),
        };
    }
}
