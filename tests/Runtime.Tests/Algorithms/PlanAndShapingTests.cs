using Reft.Runtime.Algorithms;

namespace Reft.Runtime.Tests.Algorithms;

public class PlanAndShapingTests
{
    [Fact]
    public void Reference_group_advantage_with_std_matches_hand_values()
    {
        // [1,2,4]: mean 7/3, unbiased std sqrt(7/3) = 1.5275252; [3,3,3]: zero variance -> 0.
        var advantages = ReferenceAdvantages.Group([1, 2, 4, 3, 3, 3], 3, AdvantageScale.Std);
        Assert.Equal([-0.8728709895, -0.2182177474, 1.0910887369, 0, 0, 0], advantages.Select(a => Math.Round(a, 10)));
    }

    [Fact]
    public void Reference_group_advantage_none_and_batch_std()
    {
        Assert.Equal([-1.333333333333, -0.333333333333, 1.666666666667, 0, 0, 0], ReferenceAdvantages.Group([1, 2, 4, 3, 3, 3], 3, AdvantageScale.None).Select(a => Math.Round(a, 12)));
        // Batch std over all six rewards is 1.0327956.
        var batch = ReferenceAdvantages.Group([1, 2, 4, 3, 3, 3], 3, AdvantageScale.BatchStd);
        Assert.Equal([-1.290993199, -0.3227483, 1.613741498, 0, 0, 0], batch.Select(a => Math.Round(a, 9)));
    }

    [Fact]
    public void Reference_group_of_one_has_zero_advantage_and_ties_give_zero()
    {
        Assert.Equal([0.0, 0.0], ReferenceAdvantages.Group([5, -3], 1, AdvantageScale.Std));
        Assert.Equal([0.0, 0.0, 0.0, 0.0], ReferenceAdvantages.Group([1, 1, 0, 0], 2, AdvantageScale.Std));
    }

    [Fact]
    public void Reference_groups_must_be_complete()
    {
        Assert.Throws<ArgumentException>(() => ReferenceAdvantages.Group([1, 2, 3], 2, AdvantageScale.Std));
    }

    [Fact]
    public void Reference_agro_advantage_centres_the_regularised_reward()
    {
        // z = R - 0.5*l = [1-0.5*2, 0-0.5*(-2)] = [0, 1]; mean 0.5.
        Assert.Equal([-0.5, 0.5], ReferenceAdvantages.Agro([1, 0], [2, -2], 2, 0.5));
    }

    [Fact]
    public void Dash_plan_validates_and_chunks()
    {
        var plan = DashPlan.Create(32, 8, 4);
        Assert.Equal(128, plan.SampleCompletions);
        Assert.Equal(32, plan.MicroCompletions);
        Assert.Equal(4, plan.MicroBatchesPerStep);
        Assert.Equal([0..32, 32..64, 64..96, 96..128], plan.MicroBatches(128));
        Assert.Equal([0..32, 32..40], plan.MicroBatches(40));
        Assert.Empty(plan.MicroBatches(0));
        var error = Assert.Throws<ArgumentException>(() => DashPlan.Create(30, 8, 4));
        Assert.Contains("not a multiple of micro (8 prompts)", error.Message);
        Assert.Equal(3, DashPlan.Problems(0, 0, 0).Count);
    }

    [Fact]
    public void Filter_drops_small_advantages_and_every_zero_variance_group()
    {
        var advantages = ReferenceAdvantages.Group([1, 0, 1, 1, 0, 0, 0.5, 0.4], 2, AdvantageScale.Std);
        var outcome = GradientFilter.AbsAdvantageAbove(advantages, 0.05);
        Assert.Equal([0, 1, 6, 7], outcome.Kept.ToArray());
        Assert.Equal(4, outcome.Dropped);
        Assert.Equal(0.5, outcome.FractionFiltered);
        Assert.False(outcome.SkipStep);
    }

    [Fact]
    public void Filter_with_nothing_surviving_says_skip_and_is_counted()
    {
        var outcome = GradientFilter.AbsAdvantageAbove([0.0, 0.0, 0.01, -0.01], 0.05);
        Assert.True(outcome.SkipStep);
        Assert.Equal(1.0, outcome.FractionFiltered);
        var tally = new FilterTally();
        tally.Record(outcome);
        tally.Record(GradientFilter.AbsAdvantageAbove([1.0, -1.0], 0.05));
        Assert.Equal((2, 1, 6L, 4L), (tally.Steps, tally.SkippedSteps, tally.RowsSeen, tally.RowsDropped));
        Assert.Equal(0, GradientFilter.AbsAdvantageAbove([], 0.1).FractionFiltered);
    }

    [Fact]
    public void Learning_rate_warms_up_linearly_then_holds_or_decays_by_cosine()
    {
        var constant = new LearningRateSchedule(1e-3, 4, 100);
        Assert.Equal([2.5e-4, 5e-4, 7.5e-4, 1e-3, 1e-3], Enumerable.Range(0, 5).Select(s => Math.Round(constant.At(s), 12)));
        Assert.Equal(1e-3, constant.At(99));
        var cosine = new LearningRateSchedule(1.0, 2, 12, LearningRateDecay.Cosine, Minimum: 0.1);
        Assert.Equal(1.0, cosine.At(2), 12);
        Assert.Equal(0.55, cosine.At(7), 12);      // halfway: 0.1 + 0.9 * 0.5
        Assert.Equal(0.1, cosine.At(12), 12);
        Assert.Equal(0.1, cosine.At(50), 12);
    }

    [Theory]
    [InlineData(10, 0.0)]
    [InlineData(12, 0.0)]
    [InlineData(13, -0.25)]
    [InlineData(16, -1.0)]
    [InlineData(17, -1.0)]
    public void Overlong_shaping_is_linear_in_the_buffer(int length, double expected)
    {
        // L_max 16, buffer 4, factor 1: zone starts after 12 tokens.
        Assert.Equal(expected, new OverlongShaping(16, 4).Penalty(length), 12);
    }

    [Fact]
    public void Overlong_factor_scales_the_penalty()
    {
        Assert.Equal(-0.25, new OverlongShaping(16, 4, 0.5).Penalty(14), 12);
    }

    [Fact]
    public void Dynamic_sampling_keeps_groups_with_different_rewards()
    {
        // Groups of 3: [1,1,1] all equal, [0,0,0] all equal, [0.5,0,0.5] informative.
        Assert.Equal([2], DynamicSampling.InformativeGroups([1, 1, 1, 0, 0, 0, 0.5, 0, 0.5], 3).ToArray());
        Assert.Equal([1, 3], DynamicSampling.InformativeGroups([1, 1, 0, 1, 0, 0, 0.5, 0.25], 2).ToArray());
    }

    [Fact]
    public void Dynamic_sampling_fill_stops_at_target_or_max_rounds()
    {
        var fill = new DynamicSamplingFill(targetGroups: 3, maxRounds: 5, group: 2);
        Assert.Equal([1], fill.Accept([1, 1, 0, 1, 0, 0]).ToArray());
        Assert.True(fill.NeedsAnotherRound);
        Assert.Equal([0, 1], fill.Accept([0, 1, 1, 0, 1, 0]).ToArray());   // third informative group is surplus
        Assert.False(fill.NeedsAnotherRound);
        Assert.Equal((2, 3, 3), (fill.Rounds, fill.AcceptedGroups, fill.DroppedGroups));
        Assert.Throws<InvalidOperationException>(() => fill.Accept([0, 1]));

        var starved = new DynamicSamplingFill(targetGroups: 2, maxRounds: 2, group: 2);
        starved.Accept([1, 1]);
        starved.Accept([0, 0]);
        Assert.False(starved.NeedsAnotherRound);
        Assert.Equal(0, starved.AcceptedGroups);
    }
}
