using Reft.Runtime.Algorithms;
using Reft.Runtime.Training;
using Reft.Runtime.Training.Checkpoints;
using Reft.Runtime.Training.Guards;
using Reft.Runtime.Training.Metrics;

namespace Reft.Runtime.Tests.Training.KillTarget;

/// <param name="NonFiniteAt">(stage index, step) pairs whose loss is forced to NaN.</param>
public sealed record FakeRunOptions(
    string RunFolder,
    ulong Seed = 7,
    int CheckpointEvery = 5,
    int Keep = 2,
    int WriteDelayMs = 0,
    int StepDelayMs = 0,
    IReadOnlySet<(int StageIndex, int Step)>? NonFiniteAt = null,
    Action<int, int, float[]>? AfterStep = null);

/// <summary>
/// A training loop shaped like the generated one, over a plain-array "model": two stages, AdamW on a
/// noisy quadratic whose targets come from a seeded generator, checkpoints every few steps, metrics,
/// the non-finite guard. It runs in the test process and, through Training.KillTarget, in a child
/// process that the kill test kills at random points.
/// </summary>
public static class FakeTraining
{
    public static readonly (string Name, int Steps)[] Stages = [("warmup", 12), ("rl", 28)];
    public const int Width = 16;
    public const string SpecHash = "fake-spec-hash-1";
    public static readonly IReadOnlyDictionary<string, string> Knobs = new Dictionary<string, string> { ["rl.optimizer.lr"] = "0.05", ["warmup.steps"] = "12" };

    private const float LearningRate = 0.05f, Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f, WeightDecay = 0.01f;

    /// <summary>Runs (or resumes) to the end and returns the final weights.</summary>
    public static float[] Run(FakeRunOptions options, TextWriter log)
    {
        var context = RunContext.Create(options.RunFolder, "pipeline fake {}", "plan: fake");
        var store = context.Checkpoints(options.Keep, path =>
        {
            log.WriteLine("writing " + Path.GetFileName(path));
            if (options.WriteDelayMs > 0) Thread.Sleep(options.WriteDelayMs);
        });
        var decision = store.DecideResume(SpecHash, Knobs, force: false);
        foreach (var problem in decision.Problems) log.WriteLine("problem " + problem);
        if (decision.Kind == ResumeKind.Refused) throw new TrainingStoppedException(decision.Message);

        var weights = new float[Width];
        var firstMoment = new float[Width];
        var secondMoment = new float[Width];
        var adamStep = new float[1];
        ICheckpointPart[] parts =
        [
            new NamedArraysPart("policy", new Dictionary<string, float[]> { ["w"] = weights }),
            new NamedArraysPart("optimizer", new Dictionary<string, float[]> { ["m"] = firstMoment, ["v"] = secondMoment, ["t"] = adamStep }),
        ];
        var data = new SplitMix64(options.Seed);
        var guard = new NonFiniteGuard();
        var (startStage, startStep) = (0, 0);
        if (decision.Checkpoint is { } checkpoint)
        {
            checkpoint.Restore(parts);
            data = new SplitMix64(BitConverter.ToUInt64(checkpoint.State.RngStates["data"]));
            guard = new NonFiniteGuard(skippedBefore: checkpoint.State.Counters[NonFiniteGuard.CounterName]);
            (startStage, startStep) = (checkpoint.State.StageIndex, checkpoint.State.Step);
            log.WriteLine($"resumed {checkpoint.Name}");
        }
        using var metrics = MetricsLog.Open(context.MetricsPath, decision.Checkpoint);
        var timer = new StepTimer();
        var checkpoints = new Schedule(options.CheckpointEvery);

        for (var stageIndex = startStage; stageIndex < Stages.Length; stageIndex++)
        {
            var (stage, total) = Stages[stageIndex];
            for (var step = (stageIndex == startStage ? startStep : 0) + 1; step <= total; step++)
            {
                timer.Restart();
                var gradient = new float[Width];
                double loss;
                using (timer.Measure(Phase.Sampling))
                {
                    var targets = Enumerable.Range(0, Width).Select(i => (float)(i % 4 + data.NextDouble() - 0.5)).ToArray();
                    loss = 0;
                    for (var i = 0; i < Width; i++)
                    {
                        var difference = weights[i] - targets[i];
                        gradient[i] = difference / Width;
                        loss += 0.5 * difference * difference / Width;
                    }
                }
                if (options.NonFiniteAt?.Contains((stageIndex, step)) == true) loss = double.NaN;
                var gradNorm = Math.Sqrt(gradient.Sum(g => (double)g * g));
                var verdict = guard.Check(loss, gradNorm);
                if (verdict == GuardVerdict.Proceed)
                    using (timer.Measure(Phase.Optimizer)) AdamW(weights, gradient, firstMoment, secondMoment, adamStep);
                metrics.Append(new StepMetrics
                {
                    Stage = stage,
                    StageIndex = stageIndex,
                    Step = step,
                    Loss = loss,
                    GradNorm = gradNorm,
                    RewardMean = -loss,
                    LearningRate = LearningRate,
                    RewardTerms = new Dictionary<string, TermStats> { ["closeness"] = new(-loss, 0) },
                    StepSkipped = verdict == GuardVerdict.Proceed ? null : "non_finite",
                    Time = timer.Elapsed(),
                });
                options.AfterStep?.Invoke(stageIndex, step, (float[])weights.Clone());
                log.WriteLine($"step {stageIndex} {step}");
                if (options.StepDelayMs > 0) Thread.Sleep(options.StepDelayMs);

                var state = new CheckpointState
                {
                    Stage = stage,
                    StageIndex = stageIndex,
                    Step = step,
                    SpecHash = SpecHash,
                    Knobs = Knobs,
                    RngStates = new Dictionary<string, byte[]> { ["data"] = BitConverter.GetBytes(data.State) },
                    Counters = new Dictionary<string, long> { [NonFiniteGuard.CounterName] = guard.SkippedTotal },
                };
                if (verdict == GuardVerdict.Stop)
                {
                    var saved = store.Save(state, parts, metrics.Path);
                    throw new TrainingStoppedException(guard.StopMessage(stage, step, saved.Folder));
                }
                if (checkpoints.IsDue(step, total))
                {
                    store.Save(state, parts, metrics.Path);
                    log.WriteLine($"saved {stageIndex} {step}");
                }
            }
        }
        log.WriteLine("finished");
        return weights;
    }

    private static void AdamW(float[] weights, float[] gradient, float[] m, float[] v, float[] step)
    {
        step[0] += 1;
        var correction1 = 1 - MathF.Pow(Beta1, step[0]);
        var correction2 = 1 - MathF.Pow(Beta2, step[0]);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] -= LearningRate * WeightDecay * weights[i];
            m[i] = Beta1 * m[i] + (1 - Beta1) * gradient[i];
            v[i] = Beta2 * v[i] + (1 - Beta2) * gradient[i] * gradient[i];
            weights[i] -= LearningRate * (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + Epsilon);
        }
    }
}
