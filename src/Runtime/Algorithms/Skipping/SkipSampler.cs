using Reft.Runtime.Models;

namespace Reft.Runtime.Algorithms;

/// <summary>How often a Nested-ReFT skip set is drawn afresh.</summary>
public enum SkipResample
{
    /// <summary>A new set for every rollout batch (a step may sample several, e.g. under dynamic sampling).</summary>
    PerBatch,

    /// <summary>One set per optimizer step, shared by all its rollout batches.</summary>
    PerStep,
}

/// <summary>Where a <see cref="SkipSampler"/> stands; a checkpoint stores it so a resumed run draws the same sets.</summary>
public sealed record SkipSamplerState(int Step, int BatchInStep);

/// <summary>
/// Draws the layers the behaviour model skips for each rollout batch. A set depends only on (seed, step, batch index
/// within the step) — or (seed, step) under <see cref="SkipResample.PerStep"/> — so resuming from a
/// <see cref="SkipSamplerState"/> reproduces every later set exactly.
/// </summary>
public sealed class SkipSampler
{
    private readonly SkipSchedule schedule;
    private readonly int depth;
    private readonly SkipResample every;
    private readonly ulong seed;

    public SkipSampler(SkipSchedule schedule, int depth, SkipResample every, ulong seed, SkipSamplerState? resumeFrom = null)
    {
        var problems = schedule.Problems(depth);
        if (problems.Count > 0) throw new ArgumentException("invalid skip schedule: " + string.Join("; ", problems));
        this.schedule = schedule;
        this.depth = depth;
        this.every = every;
        this.seed = seed;
        State = resumeFrom ?? new SkipSamplerState(-1, 0);
    }

    public SkipSamplerState State { get; private set; }

    /// <summary>The skip set for the next rollout batch of <paramref name="step"/>; record it with the batch.</summary>
    public SkipSet Next(int step)
    {
        var batch = step == State.Step ? State.BatchInStep : 0;
        State = new SkipSamplerState(step, batch + 1);
        return For(step, batch);
    }

    /// <summary>The skip set of batch <paramref name="batch"/> of <paramref name="step"/>, without changing the state.</summary>
    public SkipSet For(int step, int batch)
    {
        var random = every == SkipResample.PerStep ? SplitMix64.ForCell(seed, step) : SplitMix64.ForCell(seed, step, batch);
        return schedule.RuleAt(step).Draw(depth, random);
    }
}
