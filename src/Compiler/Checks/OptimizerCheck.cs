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
            if (optimizer.Lr <= 0)
                context.Report(DiagnosticCatalog.LearningRateNotPositive(context.Source, At(KnobTable.Lr), PlanChecks.Format(optimizer.Lr)));
            foreach (var (name, value) in new[] { ("β1", optimizer.Beta1), ("β2", optimizer.Beta2) })
            {
                if (value is < 0 or >= 1)
                    context.Report(DiagnosticCatalog.OptimizerParameterOutOfRange(context.Source, At(KnobTable.Betas), name, PlanChecks.Format(value), "[0, 1)"));
            }
            if (optimizer.Epsilon <= 0)
                context.Report(DiagnosticCatalog.OptimizerParameterOutOfRange(context.Source, At(KnobTable.AdamEpsilon), "eps", PlanChecks.Format(optimizer.Epsilon), "(0, ∞)"));
            if (optimizer.WeightDecay < 0)
                context.Report(DiagnosticCatalog.OptimizerParameterOutOfRange(context.Source, At(KnobTable.WeightDecay), "weight_decay", PlanChecks.Format(optimizer.WeightDecay), "[0, ∞)"));
            if (optimizer.GradClip is <= 0)
                context.Report(DiagnosticCatalog.OptimizerParameterOutOfRange(context.Source, At(KnobTable.GradClip), "grad_clip", PlanChecks.Format(optimizer.GradClip.Value), "(0, ∞)"));
            if (optimizer.WarmupSteps < 0)
                context.Report(DiagnosticCatalog.NegativeValue(context.Source, At(KnobTable.Warmup), "warmup", optimizer.WarmupSteps.ToString()));
            else if (context.Bound(stage, stepsKnob) && stage.Steps >= 1 && optimizer.WarmupSteps >= stage.Steps)
                context.Report(DiagnosticCatalog.WarmupTooLong(context.Source, At(KnobTable.Warmup), optimizer.WarmupSteps, stage.Name, stage.Steps));
        }
    }
}
