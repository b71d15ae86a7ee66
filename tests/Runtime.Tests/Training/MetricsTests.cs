using Reft.Runtime.Training.Checkpoints;
using Reft.Runtime.Training.Metrics;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Training;

public sealed class MetricsTests
{
    private static StepMetrics Line(int stageIndex, int step, double loss = 0.5) => new()
    {
        Stage = stageIndex == 0 ? "warmup" : "rl",
        StageIndex = stageIndex,
        Step = step,
        Loss = loss,
    };

    [Fact]
    public void Every_field_survives_a_round_trip_including_non_finite_numbers()
    {
        var metrics = new StepMetrics
        {
            Stage = "rl", StageIndex = 1, Step = 37,
            RewardMean = 0.625, RewardStd = 0.25,
            RewardTerms = new Dictionary<string, TermStats> { ["correct"] = new(0.75, 0.433), ["short"] = new(-0.125, 0.01) },
            Accuracy = 0.75,
            AdvantageMean = 0, AdvantageStd = 0.9, AdvantageMin = -1.5, AdvantageMax = 1.5,
            FractionFiltered = 0.375, Loss = double.NaN, GradNorm = double.PositiveInfinity, LearningRate = 2e-4,
            ClipFractionLow = 0.01, ClipFractionHigh = 0.02,
            RhoMean = 1.01, RhoMax = 3.5, RhoFractionClipped = 0.04, BehaviourKl = 0.003, ReferenceKl = 0.001,
            LengthCorrect = 5.5, LengthWrong = 7.25,
            RolloutTokensPerSecond = 1234.5, LearnerTokensPerSecond = 4321,
            Time = new PhaseTimes(1.5, 0.25, 0.75, 0.125, 3),
            SkipSet = [2, 4],
            StepSkipped = "non_finite",
            EvalMetric = "mean(correct)", EvalScore = 0.8125,
        };
        var line = MetricsJson.Write(metrics);
        Assert.Contains("\"loss\":\"NaN\"", line);
        Assert.Contains("\"grad_norm\":\"Infinity\"", line);
        Assert.Contains("\"skip_set\":[2,4]", line);
        var read = MetricsJson.TryRead(line)!;
        Assert.Equal(MetricsJson.Write(read), line);
        Assert.Equal(0.433, read.RewardTerms["correct"].Std);
        Assert.Equal(new PhaseTimes(1.5, 0.25, 0.75, 0.125, 3), read.Time);
        Assert.Equal(0.375, read.Time.Other, 12);
    }

    [Fact]
    public void Absent_metrics_are_written_as_null_so_every_line_has_the_same_fields()
    {
        var sft = MetricsJson.Write(Line(0, 1));
        var rl = MetricsJson.Write(new StepMetrics { Stage = "rl", StageIndex = 1, Step = 1, RewardMean = 1, SkipSet = [1] });
        string[] Keys(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(Keys(sft), Keys(rl));
        Assert.Contains("\"reward_mean\":null", sft);
        Assert.Equal(35, Keys(sft).Length);
    }

    [Fact]
    public void A_torn_last_line_is_ignored()
    {
        using var temporary = new TemporaryFolder();
        var path = temporary.Combine("metrics.jsonl");
        File.WriteAllText(path, MetricsJson.Write(Line(0, 1)) + "\n" + MetricsJson.Write(Line(0, 2))[..40]);
        Assert.Equal([1], MetricsLog.Read(path).Select(m => m.Step));
    }

    [Fact]
    public void Resume_without_snapshot_cuts_the_file_at_the_checkpoint_position()
    {
        using var temporary = new TemporaryFolder();
        var path = temporary.Combine("metrics.jsonl");
        using (var log = MetricsLog.Open(path, null))
            foreach (var (stage, step) in new[] { (0, 1), (0, 2), (1, 1), (1, 2), (1, 3) })
                log.Append(Line(stage, step));
        var checkpoint = new LoadedCheckpoint(temporary.Combine("no-such-checkpoint"),
            new CheckpointState { Stage = "rl", StageIndex = 1, Step = 1, SpecHash = "h" });
        using (var resumed = MetricsLog.Open(path, checkpoint))
        {
            Assert.Equal([(0, 1), (0, 2), (1, 1)], resumed.Steps.Select(m => (m.StageIndex, m.Step)));
            resumed.Append(Line(1, 2, loss: 0.25));
        }
        var lines = File.ReadAllLines(path);
        Assert.Equal(4, lines.Length);
        Assert.Equal(0.25, MetricsJson.TryRead(lines[3])!.Loss);
    }

    [Fact]
    public void Resume_with_snapshot_restores_the_checkpoints_copy()
    {
        using var temporary = new TemporaryFolder();
        var path = temporary.Combine("metrics.jsonl");
        using (var log = MetricsLog.Open(path, null))
            for (var step = 1; step <= 3; step++) log.Append(Line(0, step));
        var store = new CheckpointStore(temporary.Combine("checkpoints"), keep: 2);
        var checkpoint = store.Save(new CheckpointState { Stage = "warmup", StageIndex = 0, Step = 3, SpecHash = "h" }, [], path);
        File.WriteAllText(path, "garbage\n");
        using var resumed = MetricsLog.Open(path, checkpoint);
        Assert.Equal([1, 2, 3], resumed.Steps.Select(m => m.Step));
        Assert.Equal(3, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void A_fresh_run_starts_with_an_empty_log()
    {
        using var temporary = new TemporaryFolder();
        var path = temporary.Combine("metrics.jsonl");
        File.WriteAllText(path, MetricsJson.Write(Line(0, 1)) + "\n");
        using var log = MetricsLog.Open(path, null);
        Assert.Empty(log.Steps);
        Assert.Equal(0, new FileInfo(path).Length);
    }
}
