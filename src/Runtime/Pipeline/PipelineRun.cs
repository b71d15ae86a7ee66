using System.Diagnostics;
using Reft.Runtime.Models;
using Reft.Runtime.Torch;
using Reft.Runtime.Training;
using Reft.Runtime.Training.Checkpoints;
using Reft.Runtime.Training.Metrics;
using Reft.Runtime.Training.Progress;
using Reft.Runtime.Training.Report;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// The run-wide state a generated pipeline sets up once: its folder, metrics log, checkpoints and
/// where a resume continues, the progress display, and the summary and report at the end. The
/// training loop itself stays in the generated code.
/// </summary>
public sealed class PipelineRun : IDisposable
{
    private readonly Stopwatch wallTime = Stopwatch.StartNew();
    private readonly IProgressDisplay progress;
    private readonly StepTimer timer = new();

    private PipelineRun(RunOptions options, PipelineIdentity identity, RunContext folder, ResumeDecision resume, MetricsLog metrics, IProgressDisplay progress, Device device)
    {
        Device = device;
        Options = options;
        Identity = identity;
        Folder = folder;
        Resume = resume;
        Metrics = metrics;
        this.progress = progress;
    }

    public RunOptions Options { get; }

    /// <summary>Where the policy lives: the spec's device resolved on this machine.</summary>
    public Device Device { get; }

    /// <summary>The precision of the weights: bf16 on CUDA when the spec asks for it, float32 otherwise.</summary>
    public ScalarType DType => Identity.Bf16 && Device.type == DeviceType.CUDA ? ScalarType.BFloat16 : ScalarType.Float32;

    public PipelineIdentity Identity { get; }

    public RunContext Folder { get; }

    public ResumeDecision Resume { get; }

    public MetricsLog Metrics { get; }

    /// <summary>The checkpoint this run continues from, or null for a fresh start.</summary>
    public LoadedCheckpoint? ResumeFrom => Resume.Continues ? Resume.Checkpoint : null;

    /// <summary>Times the phases of the current step.</summary>
    public StepTimer Timer => timer;

    /// <summary>
    /// Opens (or reopens) the run folder. With <see cref="RunOptions.Resume"/> it finds the newest
    /// intact checkpoint and refuses, with the list of changed knobs, one written by a different spec
    /// unless <see cref="RunOptions.Force"/>.
    /// </summary>
    /// <exception cref="Training.Guards.TrainingStoppedException">the resume is refused.</exception>
    public static PipelineRun Start(RunOptions options, PipelineIdentity identity)
    {
        var folder = RunContext.Create(options.RunDirectory, options.SpecText, options.PlanText);
        var knobs = identity.Knobs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        var resume = options.Resume
            ? folder.Checkpoints(keep: int.MaxValue).DecideResume(identity.SpecHash, knobs, options.Force)
            : new ResumeDecision(ResumeKind.StartFresh, null, [], []);
        if (resume.Kind == ResumeKind.Refused)
        {
            throw new Training.Guards.TrainingStoppedException(resume.Message);
        }
        var device = Training.Guards.DeviceSelection.Resolve(identity.Device, (int)torch.cuda.device_count()).ToTorch();
        torch.manual_seed(identity.Seed);
        var progress = ProgressDisplay.Create(options.Output);
        foreach (var problem in resume.Problems) progress.Message(problem);
        if (options.Resume) progress.Message(resume.Message);
        var metrics = MetricsLog.Open(folder.MetricsPath, resume.Continues ? resume.Checkpoint : null);
        progress.Message($"{identity.Name}: training on {device} ({torch.get_num_threads()} threads), run folder {folder.Folder}");
        return new PipelineRun(options, identity, folder, resume, metrics, progress, device);
    }

    /// <summary>A seed for one purpose of one step of one stage: draws depend on where they happen, not on what ran before, so a resumed run draws what an uninterrupted one would.</summary>
    public ulong SeedFor(int stageIndex, int step, int purpose) =>
        Algorithms.SplitMix64.ForCell(unchecked((ulong)Identity.Seed), stageIndex, step, purpose).NextUInt64();

    /// <summary>A freshly initialised policy from the spec's tiny(...) shape, seeded by the spec's seed.</summary>
    public Transformer CreateTinyPolicy(ModelConfig config) => Transformer.Create(config, Identity.Seed, DType, Device);

    /// <summary>A policy loaded from a Hugging Face folder.</summary>
    public Transformer LoadPolicy(string folder) => Transformer.Load(folder, DType, Device);

    /// <summary>On a resume, the checkpoint's weights replace the freshly created ones.</summary>
    public void RestorePolicy(Transformer policy)
    {
        ResumeFrom?.Restore([new PolicyPart(policy)]);
    }

    /// <summary>
    /// The first step (0-based) a stage runs in this process: 0 on a fresh start; the checkpoint's
    /// step for the stage it was taken in; the stage's end for stages the checkpoint is past.
    /// </summary>
    public int FirstStep(int stageIndex, int totalSteps)
    {
        if (ResumeFrom is not { } checkpoint || stageIndex > checkpoint.State.StageIndex) return 0;
        return stageIndex < checkpoint.State.StageIndex ? totalSteps : Math.Min(checkpoint.State.Step, totalSteps);
    }

    /// <summary>Scores greedy completions of an eval set; see <see cref="GreedyEvaluation"/>.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(
        Transformer policy,
        Text.ITokenizer tokenizer,
        Data.IDataset dataset,
        int? limit,
        int maxTokens,
        Func<Data.Example, Text.ITokenizer, string> prompt,
        Func<string, Data.Example, Text.ITokenizer, Rewards.RewardTerms> score) =>
        GreedyEvaluation.Run(policy, tokenizer, dataset, limit, maxTokens, prompt, score);

    public void StageStarted(string stage, int totalSteps) => progress.StageStarted(stage, totalSteps);

    /// <summary>Starts timing a new step.</summary>
    public void StepStarted() => timer.Restart();

    /// <summary>Appends a step to metrics.jsonl (with the step's time split) and shows it.</summary>
    public void Log(StepMetrics metrics)
    {
        var line = metrics with { Time = timer.Elapsed() };
        Metrics.Append(line);
        progress.StepCompleted(line);
    }

    /// <summary>
    /// An evaluation before a stage's first update (step 0): for the stage after a warm-up this is
    /// the score the warm-up reached, which the summary compares with the score after the stage.
    /// </summary>
    public void LogBaselineEvaluation(int stageIndex, string stage, string metric, double score)
    {
        var line = new StepMetrics { Stage = stage, StageIndex = stageIndex, Step = 0, EvalMetric = metric, EvalScore = score };
        Metrics.Append(line);
        progress.Message($"{stage}: {metric} before the first update: {HumanFormat.Score(score)}");
    }

    public void Message(string text) => progress.Message(text);

    /// <summary>Saves a checkpoint atomically, with a copy of metrics.jsonl so far.</summary>
    public string SaveCheckpoint(int keep, CheckpointState state, IReadOnlyList<ICheckpointPart> parts) =>
        Folder.Checkpoints(keep).Save(state with { SpecHash = Identity.SpecHash, Knobs = KnobDictionary() }, parts, Metrics.Path).Folder;

    public IReadOnlyDictionary<string, string> KnobDictionary() =>
        Identity.Knobs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    /// <summary>Writes report.html, prints the summary table and the evaluations, and says where everything is.</summary>
    public RunSummary Finish(bool completed = true, string? stopReason = null)
    {
        var steps = Metrics.Steps;
        HtmlReport.Write(Folder.ReportPath, $"reft run: {Identity.Name}", steps, Options.SpecText, Options.PlanText);
        progress.Dispose();
        var evaluations = RunEvaluations.Summarise(steps, Identity.Stages);
        var console = ProgressDisplay.CreateConsole(Options.Output);
        console.Write(RunSummaryTable.Build(steps, wallTime.Elapsed));
        foreach (var line in RunEvaluations.Describe(evaluations)) Options.Output.WriteLine(line);
        Options.Output.WriteLine($"metrics: {Folder.MetricsPath}");
        Options.Output.WriteLine($"report:  {Folder.ReportPath}");
        Options.Output.Flush();
        return new RunSummary(completed, stopReason, Folder.Folder, evaluations, wallTime.Elapsed);
    }

    public void Dispose()
    {
        progress.Dispose();
        Metrics.Dispose();
    }
}
