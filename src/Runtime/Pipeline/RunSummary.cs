namespace Reft.Runtime.Pipeline;

/// <summary>The outcome of a run, for reftc's exit code and the end-to-end tests.</summary>
/// <param name="Completed">False when a guard stopped the run (see <paramref name="StopReason"/>).</param>
/// <param name="StageEvaluations">The last evaluation of each stage that evaluates: stage name, metric name, score.</param>
public sealed record RunSummary(
    bool Completed,
    string? StopReason,
    string RunDirectory,
    IReadOnlyList<StageEvaluation> StageEvaluations,
    TimeSpan WallTime);

public sealed record StageEvaluation(string Stage, string Metric, double Score);
