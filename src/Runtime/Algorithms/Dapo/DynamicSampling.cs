using System.Collections.Immutable;

namespace Reft.Runtime.Algorithms;

/// <summary>DAPO dynamic sampling: groups whose rewards are all equal carry no group-relative signal.</summary>
public static class DynamicSampling
{
    /// <summary>Indices of the groups (consecutive runs of <paramref name="group"/> rewards) whose rewards are not all equal.</summary>
    public static ImmutableArray<int> InformativeGroups(IReadOnlyList<double> rewards, int group)
    {
        GroupChecks.Require(rewards.Count, group);
        var kept = ImmutableArray.CreateBuilder<int>();
        for (var g = 0; g < rewards.Count / group; g++)
        {
            var first = rewards[g * group];
            for (var i = 1; i < group; i++)
                if (rewards[g * group + i] != first) { kept.Add(g); break; }
        }
        return kept.ToImmutable();
    }
}

/// <summary>
/// The caller's resampling loop for DAPO dynamic sampling: each round's informative groups are accepted until
/// <see cref="TargetGroups"/> are collected or <see cref="MaxRounds"/> rounds are spent; surplus groups are dropped.
/// <code>
/// var fill = new DynamicSamplingFill(target, maxRounds, group);
/// while (fill.NeedsAnotherRound) { var batch = Sample(); keep(batch, fill.Accept(batch.Rewards)); }
/// </code>
/// </summary>
public sealed class DynamicSamplingFill(int targetGroups, int maxRounds, int group)
{
    public int TargetGroups { get; } = targetGroups > 0 ? targetGroups : throw new ArgumentOutOfRangeException(nameof(targetGroups), "target must be at least 1 group");
    public int MaxRounds { get; } = maxRounds > 0 ? maxRounds : throw new ArgumentOutOfRangeException(nameof(maxRounds), "max_rounds must be at least 1");
    public int Rounds { get; private set; }
    public int AcceptedGroups { get; private set; }
    public int DroppedGroups { get; private set; }

    public bool NeedsAnotherRound => AcceptedGroups < TargetGroups && Rounds < MaxRounds;

    /// <summary>The group indices of this round to keep (informative ones, up to what is still needed).</summary>
    public ImmutableArray<int> Accept(IReadOnlyList<double> rewards)
    {
        if (!NeedsAnotherRound) throw new InvalidOperationException("dynamic sampling is already complete; check NeedsAnotherRound before sampling");
        Rounds++;
        var informative = DynamicSampling.InformativeGroups(rewards, group);
        var taken = informative.Take(TargetGroups - AcceptedGroups).ToImmutableArray();
        AcceptedGroups += taken.Length;
        DroppedGroups += rewards.Count / group - taken.Length;
        return taken;
    }
}
