using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Checks;

/// <summary>Off-policy behaviour needs a declared correction; skip sets fit the model depth; parameters in range.</summary>
public sealed class BehaviourCheck : IPlanCheck
{
    public void Run(CheckContext context)
    {
        foreach (var stage in context.Plan.RlStages())
        {
            var behaviour = stage.Sample.Behaviour;
            var correction = stage.Loss.Correction;
            var behaviourName = behaviour switch { NestedBehaviour => "nested(...)", StaleBehaviour => "stale(...)", DatasetBehaviour => "dataset(...)", _ => "full" };
            if (context.Bound(stage, KnobTable.RlBehaviour, KnobTable.RlCorrection))
                CheckPairing(context, stage, behaviourName);
            if (context.Bound(stage, KnobTable.RlCorrection))
                CheckCorrection(context, stage, correction);
            switch (behaviour)
            {
                case NestedBehaviour nested:
                    if (context.PolicyShapeKnown)
                        CheckSkip(context, nested.Skip, context.Plan.Policy.Config.Layers);
                    if (nested.DelaySteps < 0)
                        context.Report(DiagnosticCatalog.NegativeValue(context.Source, context.At(stage, KnobTable.NestedDelay.Path, nested.Span), "delay", nested.DelaySteps.ToString()));
                    else if (context.Bound(stage, KnobTable.RlSteps) && stage.Steps >= 1 && nested.DelaySteps >= stage.Steps)
                        context.Report(DiagnosticCatalog.SkipDelayTooLong(context.Source, context.At(stage, KnobTable.NestedDelay.Path, nested.Span), nested.DelaySteps, stage.Name, stage.Steps));
                    break;
                case StaleBehaviour stale when stale.LagSteps < 1:
                    context.Report(DiagnosticCatalog.StaleLagTooSmall(context.Source, stale.Span, stale.LagSteps.ToString()));
                    break;
            }
        }
    }

    /// <summary>An off-policy behaviour needs a declared correction, and a correction needs an off-policy behaviour.</summary>
    private static void CheckPairing(CheckContext context, RlStagePlan stage, string behaviourName)
    {
        var behaviour = stage.Sample.Behaviour;
        var correction = stage.Loss.Correction;
        if (behaviour.IsOffPolicy && !correction.Declared)
            context.Report(DiagnosticCatalog.MissingCorrection(context.Source, behaviour.Span, behaviourName));
        else if (behaviour.IsOffPolicy && correction.Kind == CorrectionKind.None && context.Bound(stage, KnobTable.RlObjective)
                 && stage.Advantage.Estimator != AdvantageEstimator.Agro)
            context.Report(DiagnosticCatalog.UncorrectedOffPolicy(context.Source, correction.Span, behaviourName));
        else if (!behaviour.IsOffPolicy && correction.Kind != CorrectionKind.None)
            context.Report(DiagnosticCatalog.CorrectionWithoutOffPolicy(context.Source, correction.Span, context.Source.ToString(correction.Span)));
    }

    /// <summary>Each parameter is checked when it bound; min is compared with max only when max itself is valid.</summary>
    private static void CheckCorrection(CheckContext context, RlStagePlan stage, CorrectionPlan correction)
    {
        var maxKnob = correction.Kind switch
        {
            CorrectionKind.TruncatedIs => KnobTable.IsMax,
            CorrectionKind.MaskedIs => KnobTable.MaskedMax,
            _ => KnobTable.BehaviourRatioMax,
        };
        var maxBound = context.Bound(stage, maxKnob);
        if (maxBound && correction.Max is <= 0)
            context.Report(DiagnosticCatalog.CorrectionParameterOutOfRange(context.Source, context.At(stage, maxKnob.Path, correction.Span), "max", PlanChecks.Format(correction.Max.Value), "(0, ∞)"));
        if (correction.Min is { } min && context.Bound(stage, KnobTable.MaskedMin) && (min < 0 || maxBound && correction.Max is { } upper && upper > 0 && min >= upper))
            context.Report(DiagnosticCatalog.CorrectionParameterOutOfRange(context.Source, context.At(stage, KnobTable.MaskedMin.Path, correction.Span), "min", PlanChecks.Format(min), "[0, max)"));
        if (context.Bound(stage, KnobTable.RetraceLambda) && correction.Lambda is <= 0 or > 1)
            context.Report(DiagnosticCatalog.CorrectionParameterOutOfRange(context.Source, context.At(stage, KnobTable.RetraceLambda.Path, correction.Span), "lambda", PlanChecks.Format(correction.Lambda.Value), "(0, 1]"));
    }

    private static void CheckSkip(CheckContext context, SkipPlan skip, int depth)
    {
        if (skip.MaxLayers >= depth)
        {
            context.Report(DiagnosticCatalog.SkipLeavesNoLayer(context.Source, skip.Span, skip.MaxLayers, depth));
            return;
        }
        var skippable = Math.Max(0, depth - skip.KeepFirst - skip.KeepLast);
        if (skip.Selection == SkipSelection.Fixed)
        {
            foreach (var layer in skip.FixedLayers.Where(layer => layer < skip.KeepFirst || layer >= depth - skip.KeepLast))
                context.Report(DiagnosticCatalog.SkipLayerProtected(context.Source, skip.Span, layer, skip.KeepFirst, depth - skip.KeepLast - 1));
            return;
        }
        if (skip.MaxLayers > skippable)
            context.Report(DiagnosticCatalog.SkipExceedsSkippable(context.Source, skip.Span, skip.MaxLayers, skippable, depth, skip.KeepFirst, skip.KeepLast));
    }
}
