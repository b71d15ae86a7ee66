using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>Binds an sft stage: batches of prompt → answer pairs, cross-entropy, update, log / eval / checkpoint.</summary>
public sealed class SftStageBinder(BindContext context, StageEnvironment environment)
{
    public SftStagePlan? Bind(StageDeclarationSyntax stage, Settings settings)
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
            return null;
        }
        if (data is null || steps is null || batch is null || micro is null || optimizer is null || log is null || !evalOk)
            return null;
        var sequence = environment.Model?.Context ?? 0;
        var span = context.Spans.Of(name, KnobTable.SftBatch.Path, stage.Name.Span);
        return new SftStagePlan(name, steps.Value,
            new SftBatchPhase(data, batch.Value, sequence, span),
            new SupervisedLossPhase(micro.Value, context.Spans.Of(name, KnobTable.SftMicro.Path, span)),
            new UpdatePhase(optimizer, optimizer.Span), log, eval, environment.Checkpoint, stage.Span);
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
