using System.Collections.Immutable;

namespace Reft.Runtime.Algorithms;

/// <summary>A skip rule that takes effect at <paramref name="FromStep"/> and holds until the next phase.</summary>
public sealed record SkipPhase(int FromStep, SkipRule Rule);

/// <summary>
/// Skip rules over training steps, e.g. no skipping for the first 20 steps and 25% of layers after:
/// the rule at step s is the one of the last phase with FromStep ≤ s (steps before the first phase skip nothing).
/// </summary>
public sealed class SkipSchedule
{
    private readonly ImmutableArray<SkipPhase> phases;

    public SkipSchedule(IEnumerable<SkipPhase> phases)
    {
        this.phases = [.. phases.OrderBy(p => p.FromStep)];
        for (var i = 1; i < this.phases.Length; i++)
            if (this.phases[i].FromStep == this.phases[i - 1].FromStep)
                throw new ArgumentException($"two skip phases start at step {this.phases[i].FromStep}; give each phase its own start step");
    }

    /// <summary>The same rule at every step.</summary>
    public static SkipSchedule Constant(SkipRule rule) => new([new SkipPhase(0, rule)]);

    public SkipRule RuleAt(int step)
    {
        var rule = SkipRule.None;
        foreach (var phase in phases)
            if (phase.FromStep <= step) rule = phase.Rule;
        return rule;
    }

    /// <summary>Problems of every phase on a model of <paramref name="depth"/> layers; empty when valid.</summary>
    public IReadOnlyList<string> Problems(int depth) =>
        [.. phases.SelectMany(p => p.Rule.Problems(depth).Select(problem => $"skip phase from step {p.FromStep}: {problem}"))];
}
