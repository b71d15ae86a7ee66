using Reft.Runtime.Algorithms;
using Reft.Runtime.Torch;
using static Reft.Runtime.Tests.Algorithms.AlgoTensors;

namespace Reft.Runtime.Tests.Algorithms;

/// <summary>
/// DASH on a tiny per-prompt categorical policy (logits θ[prompt, answer], 8 prompts × 3 answers, groups of 4):
/// preemptive sampling of the whole step and per-micro-batch sampling draw the same completions from the same
/// seed, so without filtering both give the same accumulated gradient.
/// </summary>
public class DashTests
{
    private const int Prompts = 8, Answers = 3, Group = 4, MicroPrompts = 2;
    // Prompts 1 and 5 reward every answer alike (all-equal groups); the rest prefer some answers.
    private static readonly double[] RewardTable = [1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1];
    private static readonly double[] Logits = [0.2, -0.1, 0.4, 0.0, 0.3, -0.5, 1.0, 0.1, -0.2, 0.5, 0.5, 0.0, -0.3, 0.2, 0.1, 0.0, 0.0, 0.0, 0.7, -0.7, 0.2, 0.1, 0.3, -0.4];

    private sealed record Completions(long[] Prompts, long[] Answers, double[] Rewards);

    [Fact]
    public void Preemptive_plan_gives_the_gradient_of_sampling_per_micro_batch()
    {
        var plan = DashPlan.Create(Prompts, MicroPrompts, Group);
        var preemptive = PreemptiveGradient(plan, seed: 5);
        var interleaved = InterleavedGradient(plan, seed: 5);
        for (var i = 0; i < preemptive.Length; i++) Assert.Equal(interleaved[i], preemptive[i], 12);
        Assert.Contains(preemptive, g => Math.Abs(g) > 1e-3);
        var otherSeed = PreemptiveGradient(plan, seed: 6);
        Assert.True(preemptive.Zip(otherSeed, (a, b) => Math.Abs(a - b)).Max() > 1e-6);
    }

    [Fact]
    public void Filter_drops_every_all_equal_group_and_nothing_else_for_binary_rewards()
    {
        var theta = torch.tensor(Logits, [Prompts, Answers]);
        var completions = Sample(theta, Enumerable.Range(0, Prompts), new SplitMix64(5));
        var advantages = Advantages.Group(torch.tensor(completions.Rewards), Group, AdvantageScale.Std);
        var outcome = AdvantageFilter.AbsAdvantageAbove(advantages, 0.05);
        var informative = DynamicSampling.InformativeGroups(completions.Rewards, Group);
        Assert.Equal(informative.SelectMany(g => Enumerable.Range(g * Group, Group)), outcome.Kept);
        Assert.DoesNotContain(1, informative);
        Assert.DoesNotContain(5, informative);
        Assert.False(outcome.SkipStep);
    }

    [Fact]
    public void Filtered_rows_leave_the_normaliser_and_an_empty_step_is_skipped()
    {
        var advantages = torch.tensor(new double[] { 0, 0, 0.7, -0.7 });
        var outcome = AdvantageFilter.AbsAdvantageAbove(advantages, 0.05);
        var keptMask = Masks.SelectRows(torch.ones([4, 2], torch.float64), outcome.Kept);
        Assert.Equal(4, LossNormalizer.For(LossAggregation.TokenMean, [keptMask]).Tokens);
        Close([0.7, -0.7], Masks.SelectRows(advantages, outcome.Kept));

        var none = AdvantageFilter.AbsAdvantageAbove(torch.zeros([4], torch.float64), 0.05);
        Assert.True(none.SkipStep);
        Assert.True(LossNormalizer.For(LossAggregation.TokenMean, []).IsEmpty);
    }

    // One sampling call for the whole step, then backprop in micro-batches against one optimizer-batch normaliser.
    private static double[] PreemptiveGradient(DashPlan plan, ulong seed)
    {
        using var scope = torch.NewDisposeScope();
        var theta = torch.tensor(Logits, [Prompts, Answers], requires_grad: true);
        var completions = Sample(theta, Enumerable.Range(0, plan.SamplePrompts), new SplitMix64(seed));
        var advantages = Advantages.Group(torch.tensor(completions.Rewards), plan.Group, AdvantageScale.Std);
        var chunks = plan.MicroBatches(completions.Rewards.Length);
        var normalizer = LossNormalizer.For(LossAggregation.TokenMean, chunks.Select(c => torch.ones([c.GetOffsetAndLength(int.MaxValue).Length, 1], torch.float64)));
        foreach (var chunk in chunks)
        {
            var (offset, length) = chunk.GetOffsetAndLength(completions.Rewards.Length);
            var rows = Enumerable.Range(offset, length).ToArray();
            Backprop(theta, Pick(completions, rows), Masks.SelectRows(advantages, rows), normalizer);
        }
        return Values(theta.grad!);
    }

    // The "standard GRPO" baseline: sample each micro-batch's prompts just before its backprop.
    private static double[] InterleavedGradient(DashPlan plan, ulong seed)
    {
        using var scope = torch.NewDisposeScope();
        var theta = torch.tensor(Logits, [Prompts, Answers], requires_grad: true);
        var random = new SplitMix64(seed);
        var normalizer = new LossNormalizer(LossAggregation.TokenMean, plan.SampleCompletions, plan.SampleCompletions, 1);
        for (var first = 0; first < plan.SamplePrompts; first += plan.MicroPrompts)
        {
            var completions = Sample(theta, Enumerable.Range(first, plan.MicroPrompts), random);
            var advantages = Advantages.Group(torch.tensor(completions.Rewards), plan.Group, AdvantageScale.Std);
            Backprop(theta, completions, advantages, normalizer);
        }
        return Values(theta.grad!);
    }

    private static void Backprop(Tensor theta, Completions completions, Tensor advantages, LossNormalizer normalizer)
    {
        var logProbs = theta.log_softmax(1).index_select(0, torch.tensor(completions.Prompts))
            .gather(1, torch.tensor(completions.Answers).view(-1, 1));
        var mask = torch.ones([completions.Answers.Length, 1], torch.float64);
        normalizer.Aggregate(PolicyLosses.ClippedSurrogate(logProbs, logProbs.detach(), advantages, new ClipRange(0.2, 0.28)), mask).backward();
    }

    private static Completions Sample(Tensor theta, IEnumerable<int> prompts, SplitMix64 random)
    {
        var probabilities = Values(theta.softmax(1));
        var (promptIds, answers, rewards) = (new List<long>(), new List<long>(), new List<double>());
        foreach (var prompt in prompts)
            for (var i = 0; i < Group; i++)
            {
                var u = random.NextDouble();
                var answer = 0;
                while (answer < Answers - 1 && (u -= probabilities[prompt * Answers + answer]) >= 0) answer++;
                promptIds.Add(prompt);
                answers.Add(answer);
                rewards.Add(RewardTable[prompt * Answers + answer]);
            }
        return new Completions([.. promptIds], [.. answers], [.. rewards]);
    }

    private static Completions Pick(Completions all, int[] rows) =>
        new([.. rows.Select(r => all.Prompts[r])], [.. rows.Select(r => all.Answers[r])], [.. rows.Select(r => all.Rewards[r])]);
}
