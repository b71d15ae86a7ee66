using Reft.Runtime.Tests.Training.KillTarget;
using Reft.Runtime.Training.Checkpoints;
using Reft.Runtime.Training.Guards;
using Reft.Runtime.Training.Metrics;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Training;

public sealed class GuardTests
{
    [Fact]
    public void Verdicts_follow_the_run_of_non_finite_steps()
    {
        var guard = new NonFiniteGuard(maxInARow: 3);
        Assert.Equal(GuardVerdict.Proceed, guard.Check(1.0, 0.5));
        Assert.Equal(GuardVerdict.SkipStep, guard.Check(double.NaN, 0.5));
        Assert.Equal(GuardVerdict.SkipStep, guard.Check(1.0, double.PositiveInfinity));
        Assert.Equal(GuardVerdict.Proceed, guard.Check(1.0, 0.5));
        Assert.Equal(0, guard.InARow);
        Assert.Equal(GuardVerdict.SkipStep, guard.Check(double.NegativeInfinity, 1));
        Assert.Equal(GuardVerdict.SkipStep, guard.Check(double.NaN, double.NaN));
        Assert.Equal(GuardVerdict.Stop, guard.Check(double.NaN, 1));
        Assert.Equal(5, guard.SkippedTotal);
    }

    [Fact]
    public void Isolated_non_finite_steps_are_skipped_counted_and_leave_the_weights_alone()
    {
        using var temporary = new TemporaryFolder();
        var weights = new Dictionary<(int, int), float[]>();
        var injected = new HashSet<(int, int)> { (1, 3), (1, 4) };
        FakeTraining.Run(new FakeRunOptions(temporary.Path, NonFiniteAt: injected, AfterStep: (stage, step, w) => weights[(stage, step)] = w), TextWriter.Null);

        Assert.Equal(weights[(1, 2)], weights[(1, 3)]);
        Assert.Equal(weights[(1, 2)], weights[(1, 4)]);
        Assert.NotEqual(weights[(1, 4)], weights[(1, 5)]);
        var metrics = MetricsLog.Read(Path.Combine(temporary.Path, "metrics.jsonl"));
        Assert.Equal([(1, 3), (1, 4)], metrics.Where(m => m.StepSkipped == "non_finite").Select(m => (m.StageIndex, m.Step)));
        Assert.True(double.IsNaN(metrics.Single(m => m.StageIndex == 1 && m.Step == 3).Loss!.Value));
        var last = new CheckpointStore(Path.Combine(temporary.Path, "checkpoints"), keep: 2).LatestValid().Checkpoint!;
        Assert.Equal(2, last.State.Counters[NonFiniteGuard.CounterName]);
    }

    [Fact]
    public void Five_in_a_row_stop_the_run_with_a_checkpoint_of_the_last_good_weights()
    {
        using var temporary = new TemporaryFolder();
        var clean = new Dictionary<(int, int), float[]>();
        FakeTraining.Run(new FakeRunOptions(temporary.Combine("clean"), AfterStep: (stage, step, w) => clean[(stage, step)] = w), TextWriter.Null);

        var folder = temporary.Combine("nan");
        var injected = Enumerable.Range(7, 5).Select(step => (1, step)).ToHashSet();
        var stopped = Assert.Throws<TrainingStoppedException>(() => FakeTraining.Run(new FakeRunOptions(folder, NonFiniteAt: injected), TextWriter.Null));
        Assert.StartsWith("stage rl, step 11: error: the loss or gradient was not finite in 5 steps in a row", stopped.Message);
        Assert.Contains(Path.Combine(folder, "checkpoints", "01-rl-0000011"), stopped.Message);

        var checkpoint = new CheckpointStore(Path.Combine(folder, "checkpoints"), keep: 2).LatestValid().Checkpoint!;
        Assert.Equal(11, checkpoint.State.Step);
        Assert.Equal(5, checkpoint.State.Counters[NonFiniteGuard.CounterName]);
        var weights = new float[FakeTraining.Width];
        checkpoint.Restore([new NamedArraysPart("policy", new Dictionary<string, float[]> { ["w"] = weights })]);
        Assert.Equal(clean[(1, 6)], weights);
        Assert.Equal(11, MetricsLog.Read(Path.Combine(folder, "metrics.jsonl")).Count(m => m.StageIndex == 1));
    }
}
