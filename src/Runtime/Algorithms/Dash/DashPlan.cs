namespace Reft.Runtime.Algorithms;

/// <summary>
/// DASH preemptive sampling (Huang et al., arXiv 2505.17218): one sampling call for
/// <see cref="SamplePrompts"/> prompts × <see cref="Group"/> completions per optimizer step, then backprop in
/// chunks of <see cref="MicroPrompts"/> prompts (gradient accumulation) and a single optimizer step.
/// </summary>
public sealed record DashPlan
{
    private DashPlan(int samplePrompts, int microPrompts, int group) =>
        (SamplePrompts, MicroPrompts, Group) = (samplePrompts, microPrompts, group);

    public int SamplePrompts { get; }
    public int MicroPrompts { get; }
    public int Group { get; }

    public int SampleCompletions => SamplePrompts * Group;
    public int MicroCompletions => MicroPrompts * Group;
    public int MicroBatchesPerStep => SamplePrompts / MicroPrompts;

    /// <summary>Problems with these sizes, each saying how to fix it; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(int samplePrompts, int microPrompts, int group)
    {
        var problems = new List<string>();
        if (samplePrompts < 1) problems.Add($"dash sample is {samplePrompts} prompts; sample at least 1 prompt");
        if (microPrompts < 1) problems.Add($"dash micro is {microPrompts} prompts; use at least 1 prompt per micro-batch");
        if (group < 1) problems.Add($"group is {group} completions; use at least 1 completion per prompt");
        if (samplePrompts >= 1 && microPrompts >= 1 && samplePrompts % microPrompts != 0)
            problems.Add($"dash sample ({samplePrompts} prompts) is not a multiple of micro ({microPrompts} prompts); " +
                         $"use a micro size that divides {samplePrompts}");
        return problems;
    }

    public static DashPlan Create(int samplePrompts, int microPrompts, int group)
    {
        var problems = Problems(samplePrompts, microPrompts, group);
        if (problems.Count > 0) throw new ArgumentException("invalid dash plan: " + string.Join("; ", problems));
        return new DashPlan(samplePrompts, microPrompts, group);
    }

    /// <summary>
    /// Row ranges of the backprop micro-batches over <paramref name="rows"/> completions (fewer than
    /// <see cref="SampleCompletions"/> after filtering): consecutive chunks of <see cref="MicroCompletions"/>, the last
    /// one possibly shorter; none when no row is left.
    /// </summary>
    public IReadOnlyList<Range> MicroBatches(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var chunks = new List<Range>();
        for (var start = 0; start < rows; start += MicroCompletions)
            chunks.Add(start..Math.Min(rows, start + MicroCompletions));
        return chunks;
    }
}
