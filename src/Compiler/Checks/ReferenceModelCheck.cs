using Reft.Compiler.Binding;
using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Checks;

/// <summary>KL and AGRO need a reference model and a positive coefficient; an unused reference wastes memory.</summary>
public sealed class ReferenceModelCheck : IPlanCheck
{
    public void Run(CheckContext context)
    {
        var hasReference = context.Plan.Reference is not null;
        var used = false;
        var usesKnown = context.PipelineBound(Placeholders.Stages);
        foreach (var stage in context.Plan.RlStages())
        {
            usesKnown &= context.Bound(stage, KnobTable.RlKl, KnobTable.RlObjective);
            var kl = stage.Loss.Kl ?? stage.Score.KlPenalty;
            if (kl is not null)
            {
                used = true;
                if (kl.Beta <= 0)
                    context.Report(DiagnosticCatalog.KlBetaNotPositive(context.Source, kl.Span, PlanChecks.Format(kl.Beta)));
                if (!hasReference)
                    context.Report(DiagnosticCatalog.KlWithoutReference(context.Source, kl.Span));
            }
            if (stage.Advantage.Estimator == AdvantageEstimator.Agro)
            {
                used = true;
                var at = context.At(stage, KnobTable.RlObjective.Path);
                if (stage.Advantage.AgroBeta is <= 0)
                    context.Report(DiagnosticCatalog.AgroBetaNotPositive(context.Source, context.At(stage, KnobTable.AgroBeta.Path, at), PlanChecks.Format(stage.Advantage.AgroBeta.Value)));
                if (!hasReference)
                    context.Report(DiagnosticCatalog.AgroWithoutReference(context.Source, at));
            }
        }
        if (context.Plan.Reference is { } reference && !used && usesKnown)
            context.Report(DiagnosticCatalog.UnusedReference(context.Source, reference.Span, reference.Name));
    }
}
