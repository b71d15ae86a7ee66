using Reft.Runtime.Algorithms;
using Reft.Runtime.Torch;
using static Reft.Runtime.Tests.Algorithms.AlgoTensors;

namespace Reft.Runtime.Tests.Algorithms;

public class LossNormalizerTests
{
    // Micro-batch 1: a row with 2 real tokens and an all-masked row; micro-batch 2: one row with 3 tokens.
    private static Tensor MaskA => T([1, 1, 0, 0, 0, 0], 2, 3);
    private static Tensor MaskB => T([1, 1, 1], 1, 3);
    private static Tensor LossA => T([1, 2, 100, 50, 50, 50], 2, 3);
    private static Tensor LossB => T([3, 3, 6], 1, 3);

    [Theory]
    [InlineData(LossAggregation.TokenMean, 1, 3.0)]            // (1+2+3+3+6) / 5 tokens
    [InlineData(LossAggregation.SeqMeanTokenMean, 1, 2.75)]    // (1.5 + 4) / 2 sequences
    [InlineData(LossAggregation.SeqMeanTokenSum, 1, 7.5)]      // (3 + 12) / 2
    [InlineData(LossAggregation.Constant, 4, 1.875)]           // 15 / (2 · 4)
    public void Aggregations_match_hand_values_and_skip_all_masked_rows(LossAggregation mode, double constant, double expected)
    {
        var normalizer = LossNormalizer.For(mode, [MaskA, MaskB], constant);
        Assert.Equal((5L, 2L), (normalizer.Tokens, normalizer.Sequences));
        var total = normalizer.Aggregate(LossA, MaskA) + normalizer.Aggregate(LossB, MaskB);
        Assert.Equal(expected, total.ToDouble(), 12);
    }

    [Theory]
    [InlineData(LossAggregation.TokenMean)]
    [InlineData(LossAggregation.SeqMeanTokenMean)]
    [InlineData(LossAggregation.SeqMeanTokenSum)]
    [InlineData(LossAggregation.Constant)]
    public void An_all_masked_batch_gives_zero_loss_not_nan(LossAggregation mode)
    {
        var mask = torch.zeros([2, 3], torch.float64);
        var normalizer = LossNormalizer.For(mode, [mask], 8);
        Assert.True(normalizer.IsEmpty);
        var logits = torch.ones([2, 3], torch.float64, requires_grad: true);
        var loss = normalizer.Aggregate(logits * 5, mask);
        Assert.Equal(0, loss.ToDouble());
        loss.backward();
        Assert.All(Values(logits.grad!), g => Assert.Equal(0, g));
        Assert.Equal(0, LossNormalizer.For(mode, [], 8).Aggregate(LossA, MaskA).ToDouble());
    }

    [Fact]
    public void Constant_needs_a_positive_constant()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LossNormalizer.For(LossAggregation.Constant, [MaskB], 0));
    }

    [Theory]
    [InlineData(LossAggregation.TokenMean)]
    [InlineData(LossAggregation.SeqMeanTokenMean)]
    [InlineData(LossAggregation.SeqMeanTokenSum)]
    [InlineData(LossAggregation.Constant)]
    public void Accumulating_micro_batches_gives_the_gradient_of_one_big_batch(LossAggregation mode)
    {
        var batch = new ToyBatch();
        var whole = batch.Gradient(mode, [0..6], perMicroNormalizer: false);
        var accumulated = batch.Gradient(mode, [0..1, 1..4, 4..6], perMicroNormalizer: false);
        for (var i = 0; i < whole.Length; i++) Assert.Equal(whole[i], accumulated[i], 12);
        // The same split with a micro-batch-local normaliser gives another gradient: the test can tell them apart.
        var wrong = batch.Gradient(mode, [0..1, 1..4, 4..6], perMicroNormalizer: true);
        Assert.True(whole.Zip(wrong, (a, b) => Math.Abs(a - b)).Max() > 1e-3);
    }

    /// <summary>Six completions of uneven length from a 5-token categorical policy with logits θ.</summary>
    private sealed class ToyBatch
    {
        private readonly long[] tokens = [0, 3, 1, 4, 2, 2, 1, 0, 4, 3, 3, 1, 2, 0, 0, 1, 4, 2, 3, 1, 0, 2, 4, 1];
        private readonly double[] mask = [1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0];
        private readonly double[] oldShift = [0.1, -0.2, 0.3, 0.0, 0.2, 0.1, -0.1, 0.05, 0.0, 0.1, -0.3, 0.2, 0.15, -0.05, 0.1, 0.0, 0.2, -0.1, 0.0, 0.1, -0.2, 0.1, 0.0, 0.3];
        private readonly double[] advantages = [1.2, -0.7, 0.4, -1.1, 0.9, -0.3];
        private readonly double[] theta = [0.3, -0.2, 0.5, 0.1, -0.4];

        public double[] Gradient(LossAggregation mode, Range[] micro, bool perMicroNormalizer)
        {
            using var scope = torch.NewDisposeScope();
            var parameters = torch.tensor(theta, requires_grad: true);
            var allMask = T(mask, 6, 4);
            var normalizer = LossNormalizer.For(mode, micro.Select(r => Rows(allMask, r)), 6);
            foreach (var rows in micro)
            {
                var logProbs = parameters.log_softmax(0).index_select(0, torch.tensor(tokens)).view(6, 4);
                var microLogProbs = Rows(logProbs, rows);
                var microMask = Rows(allMask, rows);
                var old = Rows(logProbs.detach() + T(oldShift, 6, 4), rows);
                var perToken = PolicyLosses.ClippedSurrogate(microLogProbs, old, Rows(T(advantages), rows), new ClipRange(0.2, 0.28));
                var used = perMicroNormalizer ? LossNormalizer.For(mode, [microMask], 6) : normalizer;
                used.Aggregate(perToken, microMask).backward();
            }
            return Values(parameters.grad!);
        }

        private static Tensor Rows(Tensor t, Range rows)
        {
            var (offset, length) = rows.GetOffsetAndLength((int)t.shape[0]);
            return t.narrow(0, offset, length);
        }
    }
}
