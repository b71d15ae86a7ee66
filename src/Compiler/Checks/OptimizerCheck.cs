using Reft.Compiler.Binding.Knobs;

namespace Reft.Compiler.Checks;

/// <summary>AdamW: lr > 0, betas in [0, 1), eps and grad_clip > 0, weight_decay ≥ 0, warm-up shorter than the stage.</summary>
public sealed class OptimizerCheck : IPlanCheck
{
    public void Run(CheckContext context)
    {
        foreach (var stage in context.Plan.Stages)
        {
            var (optimizerKnob, stepsKnob) = stage is Plan.RlStagePlan ? (KnobTable.RlOptimizer, KnobTable.RlSteps) : (KnobTable.SftOptimizer, KnobTable.SftSteps);
            if (!context.Bound(stage, optimizerKnob))
                continue;
            var optimizer = stage.Phases.OfType<Plan.UpdatePhase>().Single().Optimizer;
            TextSpan At(Knob knob) => context.At(stage, knob.Path, optimizer.Span);
            bool Bound(Knob knob) => context.Bound(stage, knob);
            if (Bound(KnobTable.Lr) && optimizer.Lr <= 0)
                context.Report(DiagnosticCatalog.LearningRateNotPositive(context.Source, At(KnobTable.Lr), PlanChecks.Format(optimizer.Lr)));
            foreach (var (name, value) in new[] { ("β1", optimizer.Beta1), ("β2", optimizer.Beta2) })
            {
                if (Bound(KnobTable.Betas) && value is < 0 or >= 1)
                    context.Report(DiagnosticCatalog.OptimizerParameterOutOfRange(context.Source, At(KnobTable.Betas), name, PlanChecks.Format(value), "[0, 1)"));
            }
            if (Bound(KnobTable.AdamEpsilon) && optimizer.Epsilon <= 0)
                context.Report(DiagnosticCatalog.OptimizerParameterOutOfRange(context.Source, At(KnobTable.AdamEpsilon), "eps", PlanChecks.Format(optimizer.Epsilon), "(0, ∞)"));
            if (Bound(KnobTable.WeightDecay) && optimizer.WeightDecay < 0)
                context.Report(DiagnosticCatalog.OptimizerParameterOutOfRange(context.Source, At(KnobTable.WeightDecay), "weight_decay", PlanChecks.Format(optimizer.WeightDecay), "[0, ∞)"));
            if (Bound(KnobTable.GradClip) && optimizer.GradClip is <= 0)
                context.Report(DiagnosticCatalog.OptimizerParameterOutOfRange(context.Source, At(KnobTable.GradClip), "grad_clip", PlanChecks.Format(optimizer.GradClip.Value), "(0, ∞)"));
            if (Bound(KnobTable.Warmup) && optimizer.WarmupSteps < 0)
                context.Report(DiagnosticCatalog.NegativeValue(context.Source, At(KnobTable.Warmup), "warmup", optimizer.WarmupSteps.ToString()));
            else if (Bound(KnobTable.Warmup) && Bound(stepsKnob) && stage.Steps >= 1 && optimizer.WarmupSteps >= stage.Steps)
                context.Report(DiagnosticCatalog.WarmupTooLong(context.Source, At(KnobTable.Warmup), optimizer.WarmupSteps, stage.Name, stage.Steps));
        }
    }
}
