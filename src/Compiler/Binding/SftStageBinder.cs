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
        var target = Target(settings, data, name, stage.Name.Span);
        var (layerDrop, layerDropOk) = LayerDrop(reader, settings, name);
        var unbound = new Placeholders(context.Spans, name);
        unbound.MarkUnless(layerDropOk, KnobTable.SftLayerDrop);
        var sequence = environment.Model?.Context ?? 0;
        var span = context.Spans.Of(name, KnobTable.SftBatch.Path, stage.Name.Span);
        var boundBatch = unbound.Or(batch, KnobTable.SftBatch, 1);
        var boundOptimizer = unbound.Or(optimizer, KnobTable.SftOptimizer, new OptimizerPlan(1, 0, 0, 1, 0, 0, LrSchedule.Constant, null, stage.Name.Span));
        unbound.MarkUnless(evalOk, KnobTable.SftEval);
        return new SftStagePlan(name, unbound.Or(steps, KnobTable.SftSteps, 1),
            new SftBatchPhase(unbound.Or(data, KnobTable.SftData, ""), unbound.Or(target, KnobTable.SftTarget, ""), boundBatch, sequence, span),
            new SupervisedLossPhase(unbound.Or(micro, KnobTable.SftMicro, boundBatch), layerDrop, context.Spans.Of(name, KnobTable.SftMicro.Path, span)),
            new UpdatePhase(boundOptimizer, boundOptimizer.Span), unbound.Or(log, KnobTable.SftLog, new LogPhase(1, stage.Name.Span)), eval, environment.Checkpoint, stage.Span);
    }

    /// <summary>The field to imitate, a bare name that must be a field of the stage's data (it has nothing to check without data).</summary>
    private string? Target(Settings settings, string? data, string stage, TextSpan fallback)
    {
        var knob = KnobTable.SftTarget;
        var setting = settings.Get(knob);
        var field = knob.DefaultAs<string>();
        if (setting is not null)
        {
            context.Spans.Record(stage, knob.Path, setting.Value.Span);
            if (setting.Value is not IdentifierSyntax identifier)
            {
                context.Report(DiagnosticCatalog.WrongValue(context.Source, setting.Value.Span, knob.Key, "a field name such as answer", ValueReader.Describe(setting.Value)));
                return null;
            }
            field = identifier.Name;
        }
        // A dataset whose declaration failed to bind has no fields to check against; its own error says why.
        if (data is null || !environment.Datasets.TryGetValue(data, out var dataset))
            return null;
        if (dataset.Field(field) is not null)
            return field;
        // Without the target field there is nothing to imitate.
        var hint = setting is null
            ? "; map one, e.g. jsonl(\"...\", answer: solution), or name another field with target:"
            : NameSuggestions.Hint(field, dataset.Fields.Select(known => known.Name));
        context.Report(DiagnosticCatalog.UnknownField(context.Source, setting?.Value.Span ?? context.Spans.Of(stage, KnobTable.SftData.Path, fallback), field,
            $"of dataset '{data}', which sft trains on", hint));
        return null;
    }

    /// <summary>layer_drop: none | p | random(p, keep_first, keep_last); off (null) unless written. Range rules are checked against the depth later.</summary>
    private (LayerDropPlan? Plan, bool Ok) LayerDrop(ValueReader reader, Settings settings, string stage)
    {
        var knob = KnobTable.SftLayerDrop;
        if (settings.Get(knob) is not { } setting)
            return (null, true);
        reader.Record(knob, setting);
        var value = setting.Value;
        if (value is NoneLiteralSyntax)
            return (null, true);
        var args = Settings.FromProperties(context, "layer_drop", [], value.Span);
        var probability = value;
        if (ValueReader.AsNumber(value) is null)
        {
            if (reader.Choice(value, knob, "none", "random") is not { Call: { } call })
                return (null, false);
            args = Settings.FromCall(context, "layer_drop", call);
            if (args.Get(KnobTable.LayerDropProbability) is not { } probabilitySetting)
            {
                context.Report(DiagnosticCatalog.MissingSetting(context.Source, call.Span, "the probability p of random(...)", "write e.g. random(0.1, keep_first: 1, keep_last: 1)"));
                return (null, false);
            }
            probability = probabilitySetting.Value;
        }
        context.Spans.Record(stage, KnobTable.LayerDropProbability.Path, probability.Span);
        var p = reader.Number(probability, KnobTable.LayerDropProbability);
        var kept = reader.ProtectedLayers(args, KnobTable.LayerDropKeepFirst, KnobTable.LayerDropKeepLast);
        if (p is null || kept is not var (keepFirst, keepLast))
            return (null, false);
        return (new LayerDropPlan(p.Value, keepFirst, keepLast, value.Span), true);
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
