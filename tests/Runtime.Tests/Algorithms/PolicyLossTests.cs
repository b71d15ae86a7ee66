using Reft.Runtime.Algorithms;
using Reft.Runtime.Torch;
using static Reft.Runtime.Tests.Algorithms.AlgoTensors;

namespace Reft.Runtime.Tests.Algorithms;

public class PolicyLossTests
{
    private static readonly ClipRange Dapo = new(0.2, 0.28);

    // Ratios exp(logπ − logπ_old) with logπ_old = 0: row 0 [0.5, 1, 1.5], row 1 [0.5, 1.5, 4].
    private static Tensor LogProbs() => T([Math.Log(0.5), 0, Math.Log(1.5), Math.Log(0.5), Math.Log(1.5), Math.Log(4)], 2, 3);

    [Fact]
    public void Clipped_surrogate_matches_hand_values_with_asymmetric_bounds()
    {
        // A = +1: −min(r, clip(r, 0.8, 1.28)); A = −2: −min(−2r, −2·clip(r)).
        var loss = PolicyLosses.ClippedSurrogate(LogProbs(), torch.zeros([2, 3], torch.float64), T([1, -2]), Dapo);
        Close([-0.5, -1, -1.28, 1.6, 3, 8], loss);
    }

    [Fact]
    public void Dual_clip_caps_the_loss_of_negative_advantages_at_minus_c_times_A()
    {
        var loss = PolicyLosses.ClippedSurrogate(LogProbs(), torch.zeros([2, 3], torch.float64), T([1, -2]), Dapo with { DualClip = 3 });
        Close([-0.5, -1, -1.28, 1.6, 3, 6], loss);
    }

    [Fact]
    public void Extreme_log_ratios_are_clamped_to_finite_losses_and_gradients()
    {
        var logProbs = torch.tensor([1000.0, -1000.0, 1000.0], [3, 1], requires_grad: true);
        var loss = PolicyLosses.ClippedSurrogate(logProbs, torch.zeros([3, 1], torch.float64), T([1, 1, -1]), Dapo);
        Close([-1.28, -Math.Exp(-20), Math.Exp(20)], loss, 1e-3);
        loss.sum().backward();
        Assert.All(Values(logProbs.grad!), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void Later_epochs_take_the_ratio_to_the_sampling_time_policy_and_clipped_tokens_get_no_gradient()
    {
        // After an update, token 0 has r = 1.5 > 1.28 with A = +1 (clipped, gradient 0); token 1 has r = 1.1 (gradient −A·r/2).
        var sampledLogProbs = T([-1.0, -2.0], 2, 1);
        var logProbs = torch.tensor([-1.0 + Math.Log(1.5), -2.0 + Math.Log(1.1)], [2, 1], requires_grad: true);
        var mask = torch.ones([2, 1], torch.float64);
        var loss = LossNormalizer.For(LossAggregation.TokenMean, [mask])
            .Aggregate(PolicyLosses.ClippedSurrogate(logProbs, sampledLogProbs, T([1, 1]), Dapo), mask);
        Assert.Equal(-(1.28 + 1.1) / 2, loss.ToDouble(), 12);
        loss.backward();
        Close([0, -0.55], logProbs.grad!, 1e-12);
    }

    [Fact]
    public void Invalid_clip_ranges_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PolicyLosses.ClippedSurrogate(T([0], 1, 1), T([0], 1, 1), T([1]), new ClipRange(0.2, 1.5)));
        Assert.Contains("dual clip 0.5 must be above 1", Assert.Single((Dapo with { DualClip = 0.5 }).Problems()));
    }

    [Fact]
    public void Reinforce_is_minus_advantage_times_log_prob()
    {
        Close([3, 6, -0.5, -1], PolicyLosses.Reinforce(T([-1, -2, -1, -2], 2, 2), T([3, -0.5])));
    }

    [Fact]
    public void Clip_fractions_count_active_clips_on_real_tokens()
    {
        var zeros = torch.zeros([2, 3], torch.float64);
        var all = PolicyLosses.ClipFractions(LogProbs(), zeros, T([1, -2]), torch.ones([2, 3], torch.float64), Dapo);
        Assert.Equal(new ClipFractions(1.0 / 6, 1.0 / 6), all);
        var masked = PolicyLosses.ClipFractions(LogProbs(), zeros, T([1, -2]), T([1, 1, 0, 1, 1, 1], 2, 3), Dapo);
        Assert.Equal(new ClipFractions(1.0 / 5, 0), masked);
        Assert.Equal(new ClipFractions(0, 0), PolicyLosses.ClipFractions(LogProbs(), zeros, T([1, -2]), torch.zeros([2, 3], torch.float64), Dapo));
    }

    [Fact]
    public void Kl_estimators_match_their_formulas()
    {
        var logProbs = T([Math.Log(2), -Math.Log(2), 0], 1, 3);
        var reference = torch.zeros([1, 3], torch.float64);
        Close([Math.Log(2), -Math.Log(2), 0], KlPenalty.PerToken(KlEstimator.K1, logProbs, reference));
        Close([0.2402265070, 0.2402265070, 0], KlPenalty.PerToken(KlEstimator.K2, logProbs, reference));
        // k3 = e^−δ + δ − 1: δ = ln 2 → 0.5 + ln 2 − 1; δ = −ln 2 → 2 − ln 2 − 1.
        Close([0.1931471806, 0.3068528194, 0], KlPenalty.PerToken(KlEstimator.K3, logProbs, reference));
    }

    [Fact]
    public void Kl_in_the_reward_subtracts_beta_times_the_masked_sequence_sum()
    {
        var logProbs = T([Math.Log(2), -Math.Log(2), 5], 1, 3);
        var penalised = KlPenalty.SubtractFromReward(T([1]), KlEstimator.K3, 0.1, logProbs, torch.zeros([1, 3], torch.float64), T([1, 1, 0], 1, 3));
        Close([0.95], penalised);
    }

    [Fact]
    public void Kl_in_the_loss_adds_beta_times_k()
    {
        var logProbs = T([Math.Log(2)], 1, 1);
        Close([1 + 0.5 * 0.1931471806], KlPenalty.AddToLoss(T([1], 1, 1), KlEstimator.K3, 0.5, logProbs, torch.zeros([1, 1], torch.float64)));
    }

    [Fact]
    public void Loss_gradient_with_weights_kl_and_dual_clip_matches_finite_differences()
    {
        var old = T([0.1, -0.2, 0.05, 0.3, -0.1, 0.0], 2, 3);
        var reference = T([-0.5, -0.3, -0.9, -0.2, -0.4, -0.6], 2, 3);
        var weights = T([1, 0.5, 2, 0.7, 1, 1], 2, 3);
        var mask = T([1, 1, 1, 1, 1, 0], 2, 3);
        var advantages = T([0.8, -1.3]);
        var normalizer = LossNormalizer.For(LossAggregation.SeqMeanTokenMean, [mask]);
        // Ratios chosen both inside and outside the clip range, away from its kinks.
        GradientMatchesFiniteDifferences([-0.3, 0.0, 0.6, -0.2, 0.9, 0.1], [2, 3], logProbs =>
        {
            var perToken = PolicyLosses.ClippedSurrogate(logProbs, old, advantages, Dapo with { DualClip = 2 }) * weights;
            return normalizer.Aggregate(KlPenalty.AddToLoss(perToken, KlEstimator.K3, 0.1, logProbs, reference), mask);
        });
    }

    [Fact]
    public void Kl_estimator_gradients_match_finite_differences()
    {
        var reference = T([-0.5, -0.3, -0.9, -0.2], 2, 2);
        foreach (var estimator in Enum.GetValues<KlEstimator>())
            GradientMatchesFiniteDifferences([-0.3, 0.2, -1.4, 0.1], [2, 2], lp => (KlPenalty.PerToken(estimator, lp, reference) * T([1, 2, 3, 4], 2, 2)).sum());
    }

    [Fact]
    public void Sft_loss_is_cross_entropy_of_the_target_token()
    {
        var logits = T([0, Math.Log(3), 0, Math.Log(3)], 1, 2, 2);
        var targets = torch.tensor(new long[] { 1, 0 }, [1, 2]);
        Close([-Math.Log(0.75), Math.Log(4)], SftLoss.PerToken(logits, targets));
    }

    [Fact]
    public void Sft_loss_on_answer_tokens_only_ignores_prompt_tokens()
    {
        var logits = T([0, Math.Log(3), 0, Math.Log(3)], 1, 2, 2);
        var targets = torch.tensor(new long[] { 1, 0 }, [1, 2]);
        var answerMask = T([0, 1], 1, 2);
        var normalizer = LossNormalizer.For(LossAggregation.TokenMean, [answerMask]);
        Close([Math.Log(4)], normalizer.Aggregate(SftLoss.PerToken(logits, targets), answerMask).reshape(1));
    }

    [Fact]
    public void Sft_gradient_matches_finite_differences()
    {
        var targets = torch.tensor(new long[] { 2, 0 }, [1, 2]);
        GradientMatchesFiniteDifferences([0.1, -0.4, 0.7, 1.2, 0.0, -0.3], [1, 2, 3], logits => (SftLoss.PerToken(logits, targets) * T([1, 0.5], 1, 2)).sum());
    }

    [Fact]
    public void Mask_truncated_removes_whole_rows()
    {
        var mask = Masks.WithoutTruncated(T([1, 1, 1, 0], 2, 2), torch.tensor(new[] { true, false }));
        Close([0, 0, 1, 0], mask);
    }

    [Fact]
    public void Agro_loss_requires_token_sum_aggregation()
    {
        var mask = torch.ones([2, 1], torch.float64);
        var wrong = LossNormalizer.For(LossAggregation.TokenMean, [mask]);
        Assert.Throws<ArgumentException>(() => Agro.Loss(T([-1, -2], 2, 1), T([1, -1]), mask, wrong));
        var right = LossNormalizer.For(Agro.Aggregation, [mask]);
        // −(1/2)(1·(−1) + (−1)·(−2)) = −0.5
        Close([-0.5], Agro.Loss(T([-1, -2], 2, 1), T([1, -1]), mask, right).reshape(1));
    }
}
