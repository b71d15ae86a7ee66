using System.Collections.Immutable;

namespace Reft.Runtime.Algorithms;

/// <summary>
/// What DASH gradient filtering kept of a rollout batch. When nothing survives, <see cref="SkipStep"/> is true: the
/// caller takes no optimizer step and counts it (see <see cref="FilterTally"/>); no loss is normalised by zero.
/// </summary>
public sealed record FilterOutcome(ImmutableArray<int> Kept, int Total)
{
    public int Dropped => Total - Kept.Length;
    public bool SkipStep => Kept.IsEmpty;

    /// <summary>Fraction of rows dropped; 0 for an empty batch.</summary>
    public double FractionFiltered => Total == 0 ? 0 : (double)Dropped / Total;
}

/// <summary>Running totals of filtering over a run, for the metrics.</summary>
public sealed class FilterTally
{
    public int Steps { get; private set; }
    public int SkippedSteps { get; private set; }
    public long RowsSeen { get; private set; }
    public long RowsDropped { get; private set; }

    public void Record(FilterOutcome outcome)
    {
        Steps++;
        if (outcome.SkipStep) SkippedSteps++;
        RowsSeen += outcome.Total;
        RowsDropped += outcome.Dropped;
    }
}
