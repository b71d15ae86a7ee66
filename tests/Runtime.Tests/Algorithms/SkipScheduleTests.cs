using Reft.Runtime.Models;
using Reft.Runtime.Algorithms;

namespace Reft.Runtime.Tests.Algorithms;

public class SkipScheduleTests
{
    private static SkipRule Uniform(SkipAmount amount, int keepFirst = 1, int keepLast = 1) =>
        new(amount, new SkipSelection.Uniform(), keepFirst, keepLast);

    [Fact]
    public void SplitMix64_matches_the_published_first_outputs_for_seed_zero()
    {
        var random = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void SplitMix64_resumes_from_its_state()
    {
        var random = new SplitMix64(42);
        random.NextUInt64();
        var resumed = new SplitMix64(random.State);
        Assert.Equal(random.NextUInt64(), resumed.NextUInt64());
    }

    [Fact]
    public void NextInt_is_roughly_uniform_and_in_range()
    {
        var random = new SplitMix64(3);
        var counts = new int[5];
        for (var i = 0; i < 50_000; i++) counts[random.NextInt(5)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Uniform_subsets_respect_protected_layers_and_count()
    {
        var rule = Uniform(new SkipAmount.Count(3), keepFirst: 2, keepLast: 2);
        var random = new SplitMix64(1);
        var seen = new int[10];
        for (var i = 0; i < 2000; i++)
        {
            var set = rule.Draw(10, random);
            Assert.Equal(3, set.Count);
            Assert.Equal(set.Order(), set);
            Assert.Equal(3, set.Distinct().Count());
            foreach (var layer in set) seen[layer]++;
        }
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], seen.Select((c, l) => l is >= 2 and < 8 ? 0 : c));
        // Each of the 6 skippable layers is chosen with probability 3/6.
        Assert.All(seen.Skip(2).Take(6), c => Assert.InRange(c, 900, 1100));
    }

    [Fact]
    public void Range_amount_draws_every_count_in_the_range()
    {
        var rule = Uniform(new SkipAmount.Range(1, 2));
        var random = new SplitMix64(5);
        var sizes = Enumerable.Range(0, 200).Select(_ => rule.Draw(6, random).Count).ToHashSet();
        Assert.Equal([1, 2], sizes.Order());
    }

    [Fact]
    public void Ratio_amount_rounds_to_nearest_layer()
    {
        Assert.Equal(6, new SkipAmount.Ratio(0.25).MaxLayers(24));
        Assert.Equal(2, new SkipAmount.Ratio(0.25).MaxLayers(6)); // 1.5 rounds up
        Assert.Equal(6, Uniform(new SkipAmount.Ratio(0.25), 2, 2).Draw(24, new SplitMix64(1)).Count);
    }

    [Fact]
    public void Contiguous_selection_is_one_block_inside_the_window()
    {
        var rule = new SkipRule(new SkipAmount.Count(3), new SkipSelection.Contiguous(), 1, 1);
        var random = new SplitMix64(9);
        var starts = new HashSet<int>();
        for (var i = 0; i < 300; i++)
        {
            var set = rule.Draw(8, random);
            Assert.Equal(Enumerable.Range(set.First(), 3), set);
            Assert.InRange(set.First(), 1, 4);
            starts.Add(set.First());
        }
        Assert.Equal([1, 2, 3, 4], starts.Order());
    }

    [Fact]
    public void Fixed_selection_returns_the_sorted_list()
    {
        var rule = new SkipRule(new SkipAmount.Count(0), new SkipSelection.Fixed([5, 2]), 0, 0);
        Assert.Equal(SkipSet.Of(2, 5), rule.Draw(8, new SplitMix64(0)));
    }

    [Theory]
    [InlineData(4, 1, 1, 3, "only 2 of 4 are skippable")]
    [InlineData(4, 0, 0, 4, "removes every layer")]
    public void Too_many_skipped_layers_is_reported_with_a_fix(int depth, int keepFirst, int keepLast, int count, string expected)
    {
        var rule = Uniform(new SkipAmount.Count(count), keepFirst, keepLast);
        var problem = Assert.Single(rule.Problems(depth));
        Assert.Contains(expected, problem);
        Assert.Contains("skip fewer layers", problem);
        Assert.Throws<ArgumentException>(() => rule.Draw(depth, new SplitMix64(0)));
    }

    [Fact]
    public void Fixed_list_outside_the_model_is_reported()
    {
        var rule = new SkipRule(new SkipAmount.Count(0), new SkipSelection.Fixed([1, 9]), 0, 0);
        Assert.Contains("fixed skip layer 9 is outside 0..5", Assert.Single(rule.Problems(6)));
    }

    [Fact]
    public void Schedule_picks_the_latest_phase_started()
    {
        var late = Uniform(new SkipAmount.Count(2));
        var schedule = new SkipSchedule([new SkipPhase(10, late), new SkipPhase(0, SkipRule.None)]);
        Assert.Equal(SkipRule.None, schedule.RuleAt(9));
        Assert.Equal(late, schedule.RuleAt(10));
        Assert.Equal(late, schedule.RuleAt(1000));
    }

    [Fact]
    public void Sampler_gives_no_skips_during_a_ratio_zero_phase_then_skips()
    {
        var schedule = new SkipSchedule([new SkipPhase(0, Uniform(new SkipAmount.Ratio(0))), new SkipPhase(3, Uniform(new SkipAmount.Count(2)))]);
        var sampler = new SkipSampler(schedule, 6, SkipResample.PerBatch, seed: 7);
        Assert.Empty(sampler.Next(0));
        Assert.Empty(sampler.Next(2));
        Assert.Equal(2, sampler.Next(3).Count);
    }

    [Fact]
    public void Per_batch_resamples_within_a_step_and_per_step_does_not()
    {
        var schedule = SkipSchedule.Constant(Uniform(new SkipAmount.Count(2)));
        var perBatch = new SkipSampler(schedule, 12, SkipResample.PerBatch, seed: 1);
        var perStep = new SkipSampler(schedule, 12, SkipResample.PerStep, seed: 1);
        var batchSets = Enumerable.Range(0, 10).Select(_ => string.Join(",", perBatch.Next(4))).ToHashSet();
        var stepSets = Enumerable.Range(0, 10).Select(_ => string.Join(",", perStep.Next(4))).ToHashSet();
        Assert.True(batchSets.Count > 1);
        Assert.Single(stepSets);
    }

    [Fact]
    public void Resuming_from_the_saved_state_reproduces_the_remaining_sets()
    {
        var schedule = SkipSchedule.Constant(Uniform(new SkipAmount.Range(1, 3)));
        var original = new SkipSampler(schedule, 10, SkipResample.PerBatch, seed: 99);
        var calls = new[] { 0, 0, 1, 2, 2, 2, 3, 4, 4 };
        foreach (var step in calls.Take(4)) original.Next(step);
        var saved = original.State;
        var resumed = new SkipSampler(schedule, 10, SkipResample.PerBatch, seed: 99, resumeFrom: saved);
        foreach (var step in calls.Skip(4))
            Assert.Equal(original.Next(step), resumed.Next(step));
    }

    [Fact]
    public void Different_seeds_give_different_sets()
    {
        var schedule = SkipSchedule.Constant(Uniform(new SkipAmount.Count(3)));
        SkipSet[] Sets(ulong seed) => [.. Enumerable.Range(0, 20).Select(s => new SkipSampler(schedule, 16, SkipResample.PerStep, seed).For(s, 0))];
        Assert.NotEqual(Sets(1).Select(s => string.Join(",", s)), Sets(2).Select(s => string.Join(",", s)));
    }
}
