using System.Text;
using Reft.Runtime.Training.Checkpoints;

namespace Reft.Runtime.Training;

/// <summary>
/// The folder of one run (runs/&lt;name&gt;/ unless the spec's checkpoint names another): metrics.jsonl,
/// checkpoints/, report.html, a copy of the spec (spec.reft) and its plan (plan.txt).
/// </summary>
public sealed class RunContext
{
    private RunContext(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public string MetricsPath => Path.Combine(Folder, "metrics.jsonl");

    public string CheckpointsFolder => Path.Combine(Folder, "checkpoints");

    public string ReportPath => Path.Combine(Folder, "report.html");

    public string SpecPath => Path.Combine(Folder, "spec.reft");

    public string PlanPath => Path.Combine(Folder, "plan.txt");

    /// <summary>The default folder of a pipeline: runs/&lt;pipeline name&gt; under <paramref name="root"/>.</summary>
    public static string DefaultFolder(string root, string pipelineName) => Path.Combine(root, "runs", pipelineName);

    /// <summary>Creates (or reopens) the run folder and writes the spec and plan copies.</summary>
    public static RunContext Create(string folder, string specText, string planText)
    {
        Directory.CreateDirectory(folder);
        var context = new RunContext(folder);
        Directory.CreateDirectory(context.CheckpointsFolder);
        DurableFiles.ReplaceAtomically(context.SpecPath, Encoding.UTF8.GetBytes(specText));
        DurableFiles.ReplaceAtomically(context.PlanPath, Encoding.UTF8.GetBytes(planText));
        return context;
    }

    public CheckpointStore Checkpoints(int keep, Action<string>? afterFileWritten = null) =>
        new(CheckpointsFolder, keep, afterFileWritten);
}
