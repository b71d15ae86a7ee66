using System.Globalization;
using Reft.Runtime.Training.Metrics;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// The evaluation story of a run for its summary: for every stage that evaluates, the score before
/// its first update (what the previous stage reached) and after its last step.
/// </summary>
public static class RunEvaluations
{
    /// <summary>Per stage that evaluated: the baseline (step 0) as "before &lt;stage&gt;" and the last score as the stage's result.</summary>
    public static IReadOnlyList<StageEvaluation> Summarise(IReadOnlyList<StepMetrics> steps, IReadOnlyList<string> stages)
    {
        var evaluations = new List<StageEvaluation>();
        foreach (var stage in steps.Where(step => step.EvalScore is not null).GroupBy(step => (step.StageIndex, step.Stage)).OrderBy(group => group.Key.StageIndex))
        {
            var baseline = stage.FirstOrDefault(step => step.Step == 0);
            if (baseline is not null)
            {
                var previous = stage.Key.StageIndex > 0 && stage.Key.StageIndex - 1 < stages.Count ? stages[stage.Key.StageIndex - 1] : StartOfRun;
                evaluations.Add(new StageEvaluation(previous, baseline.EvalMetric!, baseline.EvalScore!.Value));
            }
            var last = stage.Last();
            if (last.Step > 0) evaluations.Add(new StageEvaluation(stage.Key.Stage, last.EvalMetric!, last.EvalScore!.Value));
        }
        return evaluations;
    }

    /// <summary>Lines such as "mean(correct): 0.312 after warmup, 0.468 after rl".</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<StageEvaluation> evaluations) =>
        evaluations.GroupBy(evaluation => evaluation.Metric).Select(metric =>
            $"{metric.Key}: " + string.Join(", ", metric.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Score:0.000} {(e.Stage == StartOfRun ? "at the start" : "after " + e.Stage)}"))));

    /// <summary>The stage name of a baseline taken before the first stage trained.</summary>
    public const string StartOfRun = "start";
}
