using Reft.Runtime.Training.Metrics;
using Spectre.Console;

namespace Reft.Runtime.Training.Progress;

/// <summary>The end-of-run table: one row per stage with its steps, time, final numbers and skips.</summary>
public static class RunSummaryTable
{
    /// <summary>Steps averaged for the "final" reward and loss, so one noisy step does not decide it.</summary>
    private const int FinalWindow = 10;

    public static Table Build(IReadOnlyList<StepMetrics> steps, TimeSpan wallTime)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"run finished in {HumanFormat.Duration(wallTime)}");
        foreach (var column in new[] { "stage", "steps", "time", "final reward", "final loss", "last eval", "rollout tok/s", "learner tok/s", "skipped steps" })
            table.AddColumn(new TableColumn(column).RightAligned().NoWrap());
        table.Columns[0].LeftAligned();
        foreach (var stage in steps.GroupBy(step => (step.StageIndex, step.Stage)).OrderBy(group => group.Key.StageIndex))
        {
            var lines = stage.ToList();
            var tail = lines.TakeLast(FinalWindow).ToList();
            var lastEval = lines.LastOrDefault(line => line.EvalScore is not null);
            table.AddRow(
                Markup.Escape(stage.Key.Stage),
                // Step 0 is the evaluation before the first update, not a training step.
                lines.Count(line => line.Step > 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(HumanFormat.Duration(TimeSpan.FromSeconds(lines.Sum(line => line.Time.Total)))),
                HumanFormat.Score(Mean(tail.Select(line => line.RewardMean))),
                HumanFormat.Score(Mean(tail.Select(line => line.Loss))),
                lastEval is null ? "–" : Markup.Escape($"{lastEval.EvalMetric} {HumanFormat.Score(lastEval.EvalScore)}"),
                HumanFormat.Quantity(Mean(lines.Select(line => line.RolloutTokensPerSecond))),
                HumanFormat.Quantity(Mean(lines.Select(line => line.LearnerTokensPerSecond))),
                lines.Count(line => line.StepSkipped is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return table;
    }

    /// <summary>Mean of the finite values, null when there are none.</summary>
    public static double? Mean(IEnumerable<double?> values)
    {
        var finite = values.Where(value => value is { } number && double.IsFinite(number)).Select(value => value!.Value).ToList();
        return finite.Count == 0 ? null : finite.Average();
    }
}
