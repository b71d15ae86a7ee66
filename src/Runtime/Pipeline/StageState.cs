using System.Globalization;
using Reft.Runtime.Data;
using Reft.Runtime.Models;
using Reft.Runtime.Torch;
using Reft.Runtime.Training.Checkpoints;
using Reft.Runtime.Training.Guards;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// What one stage carries from step to step besides the weights: the optimizer, where it is in
/// its data, the non-finite guard, and any <see cref="Carry">carried</see> part. It restores them when the run resumes inside this stage and
/// saves them (with the policy) into checkpoints.
/// </summary>
public sealed class StageState
{
    private readonly PipelineRun run;
    private readonly int stageIndex;
    private readonly string stage;
    private readonly Transformer policy;
    private readonly AdamW optimizer;
    private readonly IDataset data;
    private readonly DataOrder order;
    private readonly NonFiniteGuard guard;
    private readonly LoadedCheckpoint? checkpoint;
    private readonly List<ICheckpointPart> carried = [];

    public StageState(PipelineRun run, int stageIndex, string stage, Transformer policy, AdamW optimizer, IDataset data)
    {
        this.run = run;
        this.stageIndex = stageIndex;
        this.stage = stage;
        this.policy = policy;
        this.optimizer = optimizer;
        this.data = data;
        var seed = run.SeedFor(stageIndex, step: 0, purpose: 0);
        checkpoint = run.ResumeFrom is { } resume && resume.State.StageIndex == stageIndex ? resume : null;
        order = checkpoint?.State.DataCursor is { } cursor ? new DataOrder(data.Count, ParseCursor(cursor)) : new DataOrder(data.Count, seed);
        checkpoint?.Restore([new OptimizerPart(optimizer)]);
        var skippedBefore = checkpoint?.State.Counters.GetValueOrDefault(NonFiniteGuard.CounterName) ?? 0;
        guard = new NonFiniteGuard(skippedBefore: skippedBefore);
    }

    /// <summary>
    /// Adds state the stage's loop keeps besides the optimizer (the stale behaviour policy): it is
    /// restored now when the run resumes inside this stage, and saved with every checkpoint.
    /// </summary>
    public void Carry(ICheckpointPart part)
    {
        checkpoint?.Restore([part]);
        carried.Add(part);
    }

    /// <summary>The next examples of the stage's data, reshuffled every epoch.</summary>
    public IReadOnlyList<Example> NextExamples(int count) => order.Next(count).Select(index => data[index]).ToList();

    /// <summary>
    /// Takes the optimizer step at <paramref name="lr"/> unless the loss or gradient is not finite;
    /// returns why it was skipped, or null. Too many in a row save a checkpoint of the last good
    /// weights and stop the run.
    /// </summary>
    /// <exception cref="TrainingStoppedException">the guard stopped the run.</exception>
    public string? Step(int step, double lr, double loss, double gradNorm)
    {
        var verdict = guard.Check(loss, gradNorm);
        if (verdict == GuardVerdict.Proceed)
        {
            optimizer.LearningRate = lr;
            optimizer.step();
            optimizer.zero_grad();
            return null;
        }
        optimizer.zero_grad();
        if (verdict == GuardVerdict.Stop)
        {
            var folder = SaveCheckpoint(step, keep: int.MaxValue);
            throw new TrainingStoppedException(guard.StopMessage(stage, step + 1, folder));
        }
        return "non_finite";
    }

    /// <summary>Drops gradients of a step that has nothing to learn from (every row filtered out).</summary>
    public void SkipEmptyStep() => optimizer.zero_grad();

    /// <summary>Saves policy, optimizer, carried parts, data position and counters after <paramref name="completedSteps"/> steps; returns the folder.</summary>
    public string SaveCheckpoint(int completedSteps, int keep)
    {
        var state = new CheckpointState
        {
            Stage = stage,
            StageIndex = stageIndex,
            Step = completedSteps,
            SpecHash = run.Identity.SpecHash,
            DataCursor = FormatCursor(order.Position),
            Counters = new Dictionary<string, long> { [NonFiniteGuard.CounterName] = guard.SkippedTotal },
        };
        return run.SaveCheckpoint(keep, state, [new PolicyPart(policy), new OptimizerPart(optimizer), .. carried]);
    }

    private static string FormatCursor(DataPosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.Seed}:{position.Epoch}:{position.Position}");

    private static DataPosition ParseCursor(string cursor)
    {
        var parts = cursor.Split(':');
        if (parts.Length != 3
            || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            throw new CheckpointException($"the checkpoint's data cursor '{cursor}' is not seed:epoch:position; delete the checkpoint or start a new run");
        }
        return new DataPosition(seed, epoch, position);
    }
}
