using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Checks;

/// <summary>An sft stage's layer_drop: a probability in [0, 1), and protected layers that leave some, but not all, droppable.</summary>
public sealed class LayerDropCheck : IPlanCheck
{
    public void Run(CheckContext context)
    {
        foreach (var stage in context.Plan.Stages.OfType<SftStagePlan>())
        {
            if (stage.Loss.LayerDrop is not { } drop || !context.Bound(stage, KnobTable.SftLayerDrop))
                continue;
            if (drop.Probability is < 0 or >= 1 || double.IsNaN(drop.Probability))
                context.Report(DiagnosticCatalog.LayerDropProbabilityOutOfRange(context.Source, context.At(stage, KnobTable.LayerDropProbability.Path, drop.Span), PlanChecks.Format(drop.Probability)));
            var protectedLayers = drop.KeepFirst + drop.KeepLast;
            if (context.PolicyShapeKnown && (protectedLayers < 1 || protectedLayers >= context.Plan.Policy.Config.Layers))
                context.Report(DiagnosticCatalog.LayerDropProtection(context.Source, drop.Span, drop.KeepFirst, drop.KeepLast, context.Plan.Policy.Config.Layers));
        }
    }
}
