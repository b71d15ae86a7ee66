namespace Reft.Runtime.Rollout;

/// <summary>How the engine lays out its work; up to floating-point rounding, none of these change what is drawn.</summary>
public sealed record RolloutEngineOptions
{
    /// <summary>Off recomputes the whole sequence every step (for measuring what the cache saves).</summary>
    public bool UseKvCache { get; init; } = true;

    /// <summary>
    /// When the unfinished rows fall to this fraction of the rows still in the batch, finished rows
    /// are dropped from the batch and the cache; 0 never compacts, 1 compacts as soon as one row ends.
    /// </summary>
    public double CompactBelow { get; init; } = 0.75;
}
