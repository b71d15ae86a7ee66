namespace Reft.Runtime.Pipeline;

/// <summary>How reftc asks a compiled pipeline to run.</summary>
/// <param name="SpecPath">The .reft file, for relative data paths and the report.</param>
/// <param name="SpecText">The spec as compiled, embedded in the report.</param>
/// <param name="PlanText">The training plan as `reftc explain` prints it, embedded in the report.</param>
/// <param name="RunDirectory">Where metrics.jsonl, checkpoints and report.html go.</param>
/// <param name="Resume">Continue from the newest intact checkpoint in <paramref name="RunDirectory"/>.</param>
/// <param name="Force">Resume even when the spec's meaning changed since the checkpoint.</param>
/// <param name="Output">Where progress and the summary are printed.</param>
public sealed record RunOptions(
    string SpecPath,
    string SpecText,
    string PlanText,
    string RunDirectory,
    bool Resume,
    bool Force,
    TextWriter Output)
{
    /// <summary>A path from the spec, relative to the spec's folder unless absolute.</summary>
    public string ResolveSpecPath(string written) =>
        Path.IsPathRooted(written) ? written : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(SpecPath)) ?? ".", written));
}
