using Reft.Runtime.Algorithms;
using Reft.Runtime.Torch;
using Xunit.Abstractions;
using static Reft.Runtime.Tests.Algorithms.AlgoTensors;

namespace Reft.Runtime.Tests.Algorithms;

public class OffPolicyCorrectionTests(ITestOutputHelper output)
{
    // Row 0: ρ_t = [4, 0.5, 1]; row 1 is all padding.
    private static Tensor Old => T([Math.Log(0.4), Math.Log(0.1), Math.Log(0.3), -1, -1, -1], 2, 3);
    private static Tensor Behaviour => T([Math.Log(0.1), Math.Log(0.2), Math.Log(0.3), -9, -9, -9], 2, 3);
    private static Tensor Mask => T([1, 1, 1, 0, 0, 0], 2, 3);

    private static CorrectionWeights Weights(Correction correction) => OffPolicyCorrection.Weights(correction, Old, Behaviour, Mask);

    [Fact]
    public void Token_truncation_caps_each_ratio_and_reports_stats()
    {
        var result = Weights(new Correction.TruncatedIs(2, RatioLevel.Token));
        Close([2, 0.5, 1, 0, 0, 0], result.Weights);
        Assert.Equal(5.5 / 3, result.Stats.MeanRho, 12);
        Assert.Equal(4, result.Stats.MaxRho, 12);
        Assert.Equal(1.0 / 3, result.Stats.FractionTruncated, 12);
        Assert.Equal(0, result.Stats.FractionMasked);
        // mean(ρ − 1 − ln ρ) = ((3 − ln 4) + (−0.5 + ln 2) + 0) / 3
        Assert.Equal((3 - Math.Log(4) - 0.5 + Math.Log(2)) / 3, result.Stats.BehaviourKl, 12);
    }

    [Fact]
    public void Sequence_truncation_uses_the_product_of_ratios()
    {
        // ρ = 4 · 0.5 · 1 = 2, capped at 1.5 and broadcast to the real tokens.
        var result = Weights(new Correction.TruncatedIs(1.5, RatioLevel.Sequence));
        Close([1.5, 1.5, 1.5, 0, 0, 0], result.Weights);
        Assert.Equal(2, result.Stats.MeanRho, 12);
        Assert.Equal(2, result.Stats.MaxRho, 12);
        Assert.Equal(1, result.Stats.FractionTruncated);
    }

    [Fact]
    public void Masked_is_drops_tokens_and_sequences_above_the_bound()
    {
        var token = Weights(new Correction.MaskedIs(2, RatioLevel.Token));
        Close([0, 1, 1, 0, 0, 0], token.Weights);
        Assert.Equal(1.0 / 3, token.Stats.FractionMasked, 12);
        var sequence = Weights(new Correction.MaskedIs(1.9, RatioLevel.Sequence));
        Close([0, 0, 0, 0, 0, 0], sequence.Weights);
        Assert.Equal(1.0, sequence.Stats.FractionMasked);
    }

    [Fact]
    public void Retrace_multiplies_truncated_traces_of_later_tokens()
    {
        // λ = 0.5, min(1, ρ) = [1, 0.5, 0.8] → c = [0.5, 0.25, 0.4]; w = [1·0.25·0.4, 0.5·0.4, 0.8].
        var old = T([Math.Log(2), Math.Log(0.5), Math.Log(0.8), 0, 0, 0, 0, 0], 2, 4);
        var mask = T([1, 1, 1, 0, 0, 0, 0, 0], 2, 4);
        var result = OffPolicyCorrection.Weights(new Correction.Retrace(0.5), old, torch.zeros([2, 4], torch.float64), mask);
        Close([0.1, 0.2, 0.8, 0, 0, 0, 0, 0], result.Weights, 1e-12);
        Assert.Equal(1.0 / 3, result.Stats.FractionTruncated, 12);
    }

    [Fact]
    public void None_and_behaviour_ratio_weigh_real_tokens_by_one()
    {
        Close([1, 1, 1, 0, 0, 0], Weights(new Correction.None()).Weights);
        Close([1, 1, 1, 0, 0, 0], Weights(new Correction.BehaviourRatio()).Weights);
    }

    [Fact]
    public void Extreme_log_ratios_are_clamped()
    {
        var result = OffPolicyCorrection.Weights(new Correction.TruncatedIs(1e30, RatioLevel.Sequence),
            T([0, 0], 1, 2), T([-500, -500], 1, 2), T([1, 1], 1, 2));
        Close([Math.Exp(20), Math.Exp(20)], result.Weights, 1e-3);
        Assert.True(double.IsFinite(result.Stats.BehaviourKl));
    }

    [Fact]
    public void All_masked_batches_give_zero_weights_and_zero_stats()
    {
        var zeros = torch.zeros([2, 2], torch.float64);
        foreach (Correction correction in new Correction[] { new Correction.TruncatedIs(2, RatioLevel.Sequence), new Correction.Retrace(0.9), new Correction.MaskedIs(2, RatioLevel.Token) })
        {
            var result = OffPolicyCorrection.Weights(correction, T([1, 2, 3, 4], 2, 2), zeros, zeros);
            Close([0, 0, 0, 0], result.Weights);
            Assert.Equal(new ImportanceStats(0, 0, 0, 0, 0), result.Stats);
        }
    }

    [Fact]
    public void Invalid_parameters_are_rejected_with_a_fix()
    {
        Assert.Contains("e.g. 0.95", Assert.Single(new Correction.Retrace(0).Problems()));
        Assert.Throws<ArgumentException>(() => Weights(new Correction.TruncatedIs(-1, RatioLevel.Token)));
    }

    /// <summary>
    /// π = softmax(θ) = [0.4, 0.3, 0.2, 0.1], μ = [0.1, 0.2, 0.3, 0.4], R = [1, 0, 0.5, 2]. The on-policy gradient of
    /// E_π[R] w.r.t. θ is π ⊙ (R − E_π R) = [0.12, −0.21, −0.04, 0.13]. With 100 000 samples from μ the untruncated
    /// estimator's standard error is at most 0.0024 per component (0.76/√n); we allow 0.01, about 4 standard errors.
    /// Truncation at 1.2 caps every weight and biases the estimate (expectation [−0.048, −0.126, 0.016, 0.158]).
    /// </summary>
    [Fact]
    public void Untruncated_importance_sampling_matches_the_on_policy_gradient()
    {
        double[] pi = [0.4, 0.3, 0.2, 0.1], mu = [0.1, 0.2, 0.3, 0.4], reward = [1, 0, 0.5, 2];
        const int samples = 100_000;
        var random = new SplitMix64(2024);
        var actions = Enumerable.Range(0, samples).Select(_ => (long)SampleFrom(mu, random.NextDouble())).ToArray();

        double[] Gradient(Correction correction, out CorrectionWeights weights)
        {
            var theta = torch.tensor(pi.Select(p => Math.Log(p)).ToArray(), requires_grad: true);
            var index = torch.tensor(actions);
            var logProbs = theta.log_softmax(0).index_select(0, index).view(samples, 1);
            var behaviour = torch.tensor(mu.Select(p => Math.Log(p)).ToArray()).index_select(0, index).view(samples, 1);
            var mask = torch.ones([samples, 1], torch.float64);
            weights = OffPolicyCorrection.Weights(correction, logProbs.detach(), behaviour, mask);
            var advantages = torch.tensor(reward).index_select(0, index);
            var perToken = PolicyLosses.Reinforce(logProbs, advantages) * weights.Weights;
            LossNormalizer.For(LossAggregation.SeqMeanTokenSum, [mask]).Aggregate(perToken, mask).backward();
            return Values(theta.grad!).Select(g => -g).ToArray();
        }

        double[] exact = [0.12, -0.21, -0.04, 0.13];
        var untruncated = Gradient(new Correction.TruncatedIs(double.PositiveInfinity, RatioLevel.Token), out var full);
        output.WriteLine($"untruncated IS gradient [{string.Join(", ", untruncated.Select(g => g.ToString("0.0000")))}], exact [{string.Join(", ", exact)}]");
        for (var k = 0; k < 4; k++) Assert.InRange(untruncated[k], exact[k] - 0.01, exact[k] + 0.01);
        Assert.Equal(4, full.Stats.MaxRho, 12);
        Assert.Equal(1, full.Stats.MeanRho, 2);   // E_μ[ρ] = 1

        var truncated = Gradient(new Correction.TruncatedIs(1.2, RatioLevel.Token), out var capped);
        Assert.True(Values(capped.Weights).Max() <= 1.2);
        Assert.InRange(capped.Stats.FractionTruncated, 0.27, 0.33);   // μ(ρ > 1.2) = 0.1 + 0.2
        Assert.True(Math.Abs(truncated[0] - exact[0]) > 0.1);
    }

    private static int SampleFrom(double[] probabilities, double u)
    {
        for (var k = 0; k < probabilities.Length - 1; k++)
        {
            u -= probabilities[k];
            if (u < 0) return k;
        }
        return probabilities.Length - 1;
    }
}
