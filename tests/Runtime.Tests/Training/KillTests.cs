using System.Diagnostics;
using Reft.Runtime.Tests.Training.KillTarget;
using Reft.Runtime.Training.Checkpoints;
using Reft.Runtime.Training.Metrics;
using Reft.Tests.Shared;
using Xunit.Abstractions;

namespace Reft.Runtime.Tests.Training;

/// <summary>
/// Kills a training process at random points, at least 20 times and several times inside a
/// checkpoint write, resuming after each kill; the run must finish with exactly the metrics and
/// weights of an uninterrupted run, and no kill may ever leave a corrupt checkpoint behind.
/// </summary>
public sealed class KillTests(ITestOutputHelper output)
{
    private const int RequiredKills = 20;
    private const int WriteDelayMs = 20;
    private const int StepDelayMs = 25;
    private const int CheckpointEvery = 5;

    private enum KillAt { StepLine, WriteLine }

    [Fact]
    public void A_run_killed_at_random_points_resumes_to_the_same_result_as_an_uninterrupted_run()
    {
        var target = KillTargetLocator.Find();
        using var temporary = new TemporaryFolder();
        var weightsAfter = new Dictionary<(int, int), float[]>();
        var referenceFolder = temporary.Combine("reference");
        var expectedWeights = FakeTraining.Run(new FakeRunOptions(referenceFolder, AfterStep: (stage, step, w) => weightsAfter[(stage, step)] = w), TextWriter.Null);
        var expectedMetrics = MetricsLog.Read(Path.Combine(referenceFolder, "metrics.jsonl"));

        var folder = temporary.Combine("killed");
        var store = new CheckpointStore(Path.Combine(folder, "checkpoints"), keep: 2);
        var random = new Random(20261122);
        var (kills, killsInsideWrite, launches) = (0, 0, 0);
        while (true)
        {
            Assert.True(++launches <= 100, $"the run did not finish after {launches - 1} launches ({kills} kills)");
            var slowly = RequiredKills - kills >= CheckpointsLeft(store);
            var (killAt, count) = random.Next(2) == 0
                ? (KillAt.StepLine, slowly ? random.Next(1, 4) : random.Next(1, 9))
                : (KillAt.WriteLine, slowly ? random.Next(1, 5) : random.Next(1, 8));
            var launched = DateTime.UtcNow;
            var killed = RunChild(target, folder, kills >= RequiredKills ? null : (killAt, count));
            if (!killed) break;
            kills++;
            var checkpointsFolder = Path.Combine(folder, "checkpoints");
            if (Directory.Exists(checkpointsFolder) && Directory.EnumerateDirectories(checkpointsFolder, ".tmp-*").Any(tmp => Directory.GetLastWriteTimeUtc(tmp) >= launched))
                killsInsideWrite++;

            var lookup = store.LatestValid();
            Assert.Empty(lookup.Problems);
            if (lookup.Checkpoint is { } checkpoint)
            {
                var weights = new float[FakeTraining.Width];
                checkpoint.Restore([new NamedArraysPart("policy", new Dictionary<string, float[]> { ["w"] = weights })]);
                Assert.Equal(weightsAfter[(checkpoint.State.StageIndex, checkpoint.State.Step)], weights);
            }
        }

        output.WriteLine($"{launches} launches, {kills} kills, {killsInsideWrite} inside a checkpoint write");
        Assert.True(kills >= RequiredKills, $"only {kills} kills");
        Assert.True(killsInsideWrite >= 3, $"only {killsInsideWrite} of {kills} kills landed inside a checkpoint write");
        var final = store.LatestValid().Checkpoint!;
        var finalWeights = new float[FakeTraining.Width];
        final.Restore([new NamedArraysPart("policy", new Dictionary<string, float[]> { ["w"] = finalWeights })]);
        Assert.Equal(expectedWeights, finalWeights);

        var metricsPath = Path.Combine(folder, "metrics.jsonl");
        var actualMetrics = MetricsLog.Read(metricsPath);
        Assert.Equal(expectedMetrics.Count, File.ReadAllLines(metricsPath).Length);
        Assert.Equal(expectedMetrics.Select(m => (m.StageIndex, m.Step, m.Loss, m.GradNorm)), actualMetrics.Select(m => (m.StageIndex, m.Step, m.Loss, m.GradNorm)));
    }

    /// <summary>Runs the child until it exits (false) or until the count-th matching line (true, killed).</summary>
    private static bool RunChild(string target, string folder, (KillAt At, int Count)? kill)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { target, folder, "7", WriteDelayMs.ToString(), StepDelayMs.ToString() }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var seen = 0;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (kill is not { } plan) continue;
            var matches = plan.At == KillAt.StepLine ? line.StartsWith("step ", StringComparison.Ordinal) : line.StartsWith("writing ", StringComparison.Ordinal);
            if (matches && ++seen == plan.Count)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return true;
            }
        }
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the kill target failed with exit code {process.ExitCode}: {errors.Result}");
        return false;
    }

    /// <summary>Checkpoint positions the run still has to pass, from its newest intact checkpoint.</summary>
    private static int CheckpointsLeft(CheckpointStore store)
    {
        var position = store.LatestValid().Checkpoint?.State is { } state ? (state.StageIndex, state.Step) : (0, 0);
        var left = 0;
        for (var stage = 0; stage < FakeTraining.Stages.Length; stage++)
            for (var step = 1; step <= FakeTraining.Stages[stage].Steps; step++)
                if ((step % CheckpointEvery == 0 || step == FakeTraining.Stages[stage].Steps) && (stage, step).CompareTo(position) > 0)
                    left++;
        return left;
    }
}
