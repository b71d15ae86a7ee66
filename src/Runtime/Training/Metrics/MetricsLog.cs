using System.Text;
using Reft.Runtime.Training.Checkpoints;

namespace Reft.Runtime.Training.Metrics;

/// <summary>
/// metrics.jsonl of a run: one line per step, each line written with a single write and flushed,
/// so a kill loses at most the line being written. On resume the file is cut back to the
/// checkpoint's position, so the steps that are redone appear exactly once.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    private readonly FileStream _stream;
    private readonly List<StepMetrics> _lines;

    private MetricsLog(string path, List<StepMetrics> lines)
    {
        Path = path;
        _lines = lines;
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    public string Path { get; }

    /// <summary>Every step logged so far in this run, including those before a resume.</summary>
    public IReadOnlyList<StepMetrics> Steps => _lines;

    /// <summary>Opens the log of a run. Without a checkpoint the log starts empty; with one it keeps
    /// exactly the steps up to the checkpoint: the checkpoint's own copy when it has one, else the
    /// run's file cut at the checkpoint's stage and step.</summary>
    public static MetricsLog Open(string path, LoadedCheckpoint? resumeFrom)
    {
        List<StepMetrics> lines = resumeFrom switch
        {
            null => [],
            { MetricsSnapshotPath: { } snapshot } => Read(snapshot).ToList(),
            _ => Read(path).TakeWhile(line => IsAtOrBefore(line, resumeFrom.State)).ToList(),
        };
        var content = new StringBuilder();
        foreach (var line in lines) content.Append(MetricsJson.Write(line)).Append('\n');
        DurableFiles.ReplaceAtomically(path, Encoding.UTF8.GetBytes(content.ToString()));
        return new MetricsLog(path, lines);
    }

    /// <summary>Reads a metrics.jsonl, ignoring a torn last line.</summary>
    public static IReadOnlyList<StepMetrics> Read(string path)
    {
        if (!File.Exists(path)) return [];
        return File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(MetricsJson.TryRead)
            .TakeWhile(metrics => metrics is not null)
            .Select(metrics => metrics!)
            .ToList();
    }

    public void Append(StepMetrics metrics)
    {
        var bytes = Encoding.UTF8.GetBytes(MetricsJson.Write(metrics) + "\n");
        _stream.Write(bytes);
        _stream.Flush();
        _lines.Add(metrics);
    }

    public void Dispose() => _stream.Dispose();

    private static bool IsAtOrBefore(StepMetrics line, CheckpointState state) =>
        line.StageIndex < state.StageIndex || (line.StageIndex == state.StageIndex && line.Step <= state.Step);
}
