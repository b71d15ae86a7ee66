using Reft.Compiler.Binding;
using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Checks;

/// <summary>Eval, log and checkpoint intervals are positive and fire within their stage; eval uses held-out data.</summary>
public sealed class IntervalCheck : IPlanCheck
{
    public void Run(CheckContext context)
    {
        foreach (var stage in context.Plan.Stages)
        {
            var (stepsKnob, dataKnob, logKnob) = stage is RlStagePlan ? (KnobTable.RlSteps, KnobTable.RlData, KnobTable.RlLog) : (KnobTable.SftSteps, KnobTable.SftData, KnobTable.SftLog);
            var log = stage.Phases.OfType<LogPhase>().Single();
            if (context.Bound(stage, logKnob) && log.EverySteps < 1)
                context.Report(DiagnosticCatalog.CountNotPositive(context.Source, log.Span, "log every", log.EverySteps.ToString()));
            if (stage.Phases.OfType<EvalPhase>().SingleOrDefault() is not { } eval)
                continue;
            var at = context.At(stage, KnobTable.EvalEvery.Path, eval.Span);
            if (eval.EverySteps < 1)
                context.Report(DiagnosticCatalog.CountNotPositive(context.Source, at, "eval every", eval.EverySteps.ToString()));
            else if (context.Bound(stage, stepsKnob) && stage.Steps >= 1 && eval.EverySteps > stage.Steps)
                context.Report(DiagnosticCatalog.EvalIntervalTooLong(context.Source, at, eval.EverySteps, stage.Name, stage.Steps));
            var trainedOn = stage switch { RlStagePlan rl => rl.Sample.Dataset, SftStagePlan sft => sft.Batch.Dataset, _ => null };
            if (context.Bound(stage, dataKnob) && eval.Dataset == trainedOn)
                context.Report(DiagnosticCatalog.EvalOnTrainingData(context.Source, context.At(stage, KnobTable.EvalOn.Path, eval.Span), eval.Dataset));
        }
        if (context.Plan.Checkpoint is not { } checkpoint)
            return;
        var every = context.At("pipeline", KnobTable.CheckpointEvery.Path, checkpoint.Span);
        if (checkpoint.EverySteps < 1)
            context.Report(DiagnosticCatalog.CountNotPositive(context.Source, every, "checkpoint every", checkpoint.EverySteps.ToString()));
        else if (context.Plan.Stages.Count > 0 && context.PipelineBound(Placeholders.Stages)
                 && context.Plan.Stages.All(stage => context.Bound(stage, stage is RlStagePlan ? KnobTable.RlSteps : KnobTable.SftSteps) && checkpoint.EverySteps > stage.Steps))
        {
            var longest = context.Plan.Stages.MaxBy(stage => stage.Steps)!;
            context.Report(DiagnosticCatalog.CheckpointIntervalTooLong(context.Source, every, checkpoint.EverySteps, longest.Name, longest.Steps));
        }
        if (checkpoint.Keep < 1)
            context.Report(DiagnosticCatalog.CountNotPositive(context.Source, context.At("pipeline", KnobTable.CheckpointKeep.Path, checkpoint.Span), "keep", checkpoint.Keep.ToString()));
    }
}
