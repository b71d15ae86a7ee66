using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Checks;

/// <summary>
/// A gradient filter must be able to keep a completion. With std scaling and unbiased group std,
/// |A_i| ≤ (G − 1)/√G (one outlier in the group), so abs(advantage) &gt; τ with τ at or above that
/// bound removes everything. DAPO dynamic sampling needs at least one round.
/// </summary>
public sealed class FilterCheck : IPlanCheck
{
    public static double MaxAbsoluteStdAdvantage(int group) => (group - 1) / Math.Sqrt(group);

    public void Run(CheckContext context)
    {
        foreach (var stage in context.Plan.RlStages())
        {
            var filter = stage.Filter;
            if (context.Bound(stage, KnobTable.RlGroup, KnobTable.RlAdvantage, KnobTable.RlObjective)
                && filter.Gradient is { AbsAdvantageAbove: { } threshold } gradient
                && stage.Advantage.Scale == AdvantageScale.Std
                && stage.Advantage.Estimator == AdvantageEstimator.Group
                && stage.Sample.Group >= 2)
            {
                var bound = MaxAbsoluteStdAdvantage(stage.Sample.Group);
                if (threshold >= bound)
                    context.Report(DiagnosticCatalog.FilterRemovesEverything(context.Source, gradient.Span,
                        $"with std scaling and group {stage.Sample.Group}, |advantage| is at most (G-1)/sqrt(G) = {PlanChecks.Format(Math.Round(bound, 4))}"));
            }
            if (filter.Gradient?.Predicate is Binding.Expressions.BoundBool { Value: false } never)
                context.Report(DiagnosticCatalog.FilterRemovesEverything(context.Source, never.Span, "the condition is always false"));
            if (context.Bound(stage, KnobTable.RlFilters) && filter.Dynamic is { MaxRounds: < 1 } dynamic)
                context.Report(DiagnosticCatalog.DynamicRoundsTooFew(context.Source, context.At(stage, KnobTable.DynamicMaxRounds.Path, context.At(stage, KnobTable.RlFilters.Path)), dynamic.MaxRounds.ToString()));
        }
    }
}
