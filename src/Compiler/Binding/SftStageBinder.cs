using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>Binds an sft stage: batches of prompt → answer pairs, cross-entropy, update, log / eval / checkpoint.</summary>
public sealed class SftStageBinder(BindContext context, StageEnvironment environment)
{
    /// <summary>Knobs that failed to bind get placeholders (see <see cref="Placeholders"/>); the caller's context then has errors.</summary>
    public SftStagePlan Bind(StageDeclarationSyntax stage, Settings settings)
    {
        var name = stage.Name.Text;
        var reader = new ValueReader(context, name);
        var common = new CommonStageBinder(context, reader, environment);
        var data = common.Dataset(settings, KnobTable.SftData, stage.Name.Span);
        var steps = reader.Count(settings, KnobTable.SftSteps);
        var batch = reader.Count(settings, KnobTable.SftBatch);
        var micro = settings.Has(KnobTable.SftMicro) ? reader.Count(settings, KnobTable.SftMicro) : batch;
        var optimizer = common.Optimizer(settings, KnobTable.SftOptimizer);
        var log = common.Log(settings, KnobTable.SftLog);
        var (eval, evalOk) = common.Eval(settings, KnobTable.SftEval);
        if (data is not null && environment.Datasets[data].Field("answer") is null)
        {
            // Supervised targets are the answer field; without it there is nothing to imitate.
            context.Report(DiagnosticCatalog.UnknownField(context.Source, context.Spans.Of(name, KnobTable.SftData.Path, stage.Name.Span), "answer",
                $"of dataset '{data}', which sft trains on", "; map one, e.g. jsonl(\"...\", answer: solution)"));
            data = null;
        }
        var unbound = new Placeholders(context.Spans, name);
        var sequence = environment.Model?.Context ?? 0;
        var span = context.Spans.Of(name, KnobTable.SftBatch.Path, stage.Name.Span);
        var boundBatch = unbound.Or(batch, KnobTable.SftBatch, 1);
        var boundOptimizer = unbound.Or(optimizer, KnobTable.SftOptimizer, new OptimizerPlan(1, 0, 0, 1, 0, 0, LrSchedule.Constant, null, stage.Name.Span));
        unbound.MarkUnless(evalOk, KnobTable.SftEval);
        return new SftStagePlan(name, unbound.Or(steps, KnobTable.SftSteps, 1),
            new SftBatchPhase(unbound.Or(data, KnobTable.SftData, ""), boundBatch, sequence, span),
            new SupervisedLossPhase(unbound.Or(micro, KnobTable.SftMicro, boundBatch), context.Spans.Of(name, KnobTable.SftMicro.Path, span)),
            new UpdatePhase(boundOptimizer, boundOptimizer.Span), unbound.Or(log, KnobTable.SftLog, new LogPhase(1, stage.Name.Span)), eval, environment.Checkpoint, stage.Span);
    }

    /// <summary>Settings of an sft stage; rl-only knobs get a specific message instead of "unknown".</summary>
    public static Settings Read(BindContext context, StageDeclarationSyntax stage)
    {
        var accepted = new List<PropertySyntax>();
        foreach (var property in stage.Body.Properties)
        {
            if (KnobTable.Find("sft", property.Key.Text) is null && KnobTable.Find("rl", property.Key.Text) is not null)
                context.Report(DiagnosticCatalog.KnobNotForStageKind(context.Source, property.Key.Span, property.Key.Text, "sft"));
            else
                accepted.Add(property);
        }
        return Settings.FromProperties(context, "sft", accepted, stage.Body.Span);
    }
}
