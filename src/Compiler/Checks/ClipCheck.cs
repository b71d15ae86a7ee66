using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Checks;

/// <summary>Clip bounds in (0, 1) and ordered; dual clip above 1; constant(C) positive.</summary>
public sealed class ClipCheck : IPlanCheck
{
    public void Run(CheckContext context)
    {
        foreach (var stage in context.Plan.RlStages())
        {
            CheckDivisor(context, stage);
            var clip = stage.Loss.Clip;
            if (context.Bound(stage, KnobTable.RlDualClip) && clip.DualClip is <= 1)
                context.Report(DiagnosticCatalog.DualClipTooSmall(context.Source, context.At(stage, KnobTable.RlDualClip.Path), PlanChecks.Format(clip.DualClip.Value)));
            if (!context.Bound(stage, KnobTable.RlClip))
                continue;
            var at = context.At(stage, KnobTable.RlClip.Path);
            var inRange = true;
            foreach (var (bound, value) in new[] { ("ε_low", clip.Low), ("ε_high", clip.High) })
            {
                if (value is <= 0 or >= 1)
                {
                    context.Report(DiagnosticCatalog.ClipOutOfRange(context.Source, at, bound, PlanChecks.Format(value)));
                    inRange = false;
                }
            }
            if (inRange && clip.Low > clip.High)
                context.Report(DiagnosticCatalog.ClipOrder(context.Source, at, PlanChecks.Format(clip.Low), PlanChecks.Format(clip.High)));
        }
    }

    /// <summary>constant(C) defaults C to max_tokens, so the rule also reads that knob.</summary>
    private static void CheckDivisor(CheckContext context, RlStagePlan stage)
    {
        if (context.Bound(stage, KnobTable.RlLoss, KnobTable.RlSampling, KnobTable.MaxTokens) && stage.Loss.Aggregation == LossAggregation.Constant && stage.Loss.ConstantDivisor is <= 0)
            context.Report(DiagnosticCatalog.ConstantDivisorNotPositive(context.Source, context.At(stage, KnobTable.ConstantDivisor.Path, context.At(stage, KnobTable.RlLoss.Path)),
                PlanChecks.Format(stage.Loss.ConstantDivisor.Value)));
    }
}
