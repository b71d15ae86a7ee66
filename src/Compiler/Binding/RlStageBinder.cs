using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>Binds an rl stage into its phase graph, applying the objective preset under explicit knobs.</summary>
public sealed class RlStageBinder(BindContext context, StageEnvironment environment)
{
    /// <summary>Knobs that failed to bind get placeholders (see <see cref="Placeholders"/>); the caller's context then has errors.</summary>
    public RlStagePlan Bind(StageDeclarationSyntax stage, Settings settings)
    {
        var name = stage.Name.Text;
        var reader = new ValueReader(context, name);
        var common = new CommonStageBinder(context, reader, environment);
        var data = common.Dataset(settings, KnobTable.RlData, stage.Name.Span);
        var steps = reader.Count(settings, KnobTable.RlSteps);
        var group = reader.Count(settings, KnobTable.RlGroup);
        var batch = reader.Count(settings, KnobTable.RlBatch, PromptsFromCompletions(group));
        var sampling = Sampling(settings, reader);
        var behaviourBinder = new BehaviourBinder(context, reader, environment.Model?.Layers, environment.Datasets);
        var behaviour = behaviourBinder.Behaviour(settings);
        var correction = behaviourBinder.Correction(settings);
        var objectives = new ObjectiveBinder(context, reader);
        var objective = objectives.Objective(settings);
        var preset = objective?.Preset ?? ObjectivePresets.Find(KnobTable.RlObjective.DefaultAs<string>())!;
        var scale = objectives.Scale(settings, preset);
        var clip = objectives.Clip(settings, preset);
        var (kl, klOk) = objectives.Kl(settings);
        var loss = objectives.Loss(settings, preset, sampling?.MaxTokens ?? 0);
        var epochs = reader.Integer(settings, KnobTable.RlEpochs);
        var dash = Dash(settings, reader, batch, group);
        var filters = Filters(settings, reader, preset, sampling?.MaxTokens ?? 0);
        var optimizer = common.Optimizer(settings, KnobTable.RlOptimizer);
        var log = common.Log(settings, KnobTable.RlLog);
        var (eval, evalOk) = common.Eval(settings, KnobTable.RlEval);

        var unbound = new Placeholders(context.Spans, name);
        var boundSampling = unbound.Or(sampling, KnobTable.RlSampling, new SamplingPlan(1, 1, 0, 1, 1, EquatableArray<string>.Empty));
        var boundBatch = unbound.Or(batch, KnobTable.RlBatch, 1);
        var boundDash = unbound.Or(dash, KnobTable.RlDash, (boundBatch, boundBatch, null));
        var boundFilters = unbound.Or(filters, KnobTable.RlFilters, (null, false, null));
        var boundObjective = unbound.Or(objective, KnobTable.RlObjective, (preset, null));
        unbound.MarkUnless(klOk, KnobTable.RlKl);
        var boundOptimizer = unbound.Or(optimizer, KnobTable.RlOptimizer, new OptimizerPlan(1, 0, 0, 1, 0, 0, LrSchedule.Constant, null, stage.Name.Span));
        unbound.MarkUnless(evalOk, KnobTable.RlEval);

        var span = (string path) => context.Spans.Of(name, path, stage.Name.Span);
        var sample = new SamplePhase(unbound.Or(data, KnobTable.RlData, ""), boundBatch, unbound.Or(group, KnobTable.RlGroup, 2), boundDash.Sample, boundSampling,
            unbound.Or(behaviour, KnobTable.RlBehaviour, new FullBehaviour(stage.Name.Span)), span(KnobTable.RlBatch.Path));
        var score = new ScorePhase(environment.Rewards.Select(reward => reward.Name).ToEquatableArray(), boundFilters.Overlong,
            kl is { Placement: KlPlacement.Reward } ? kl : null, environment.Rewards.Count > 0 ? environment.Rewards[0].Span : stage.Name.Span);
        var advantage = new AdvantagePhase(preset.Estimator, unbound.Or(scale, KnobTable.RlAdvantage, AdvantageScale.Std), boundObjective.Beta, span(KnobTable.RlObjective.Path));
        var filter = new FilterPhase(boundDash.Filter, boundFilters.Dynamic, boundFilters.MaskTruncated, EmptyBatchPolicy.Skip,
            boundDash.Filter?.Span ?? span(KnobTable.RlFilters.Path));
        var boundLoss = unbound.Or(loss, KnobTable.RlLoss, (LossAggregation.TokenMean, null));
        var correctionPlan = unbound.Or(correction, KnobTable.RlCorrection, new CorrectionPlan(CorrectionKind.None, null, null, CorrectionLevel.Token, null, Declared: true, stage.Name.Span));
        var lossPhase = new LossPhase(preset.Name, preset.PolicyLoss, clip, correctionPlan,
            kl is { Placement: KlPlacement.Loss } ? kl : null, boundLoss.Aggregation, boundLoss.Divisor, unbound.Or(epochs, KnobTable.RlEpochs, 1), boundDash.Micro,
            span(KnobTable.RlLoss.Path));
        var update = new UpdatePhase(boundOptimizer, boundOptimizer.Span);
        return new RlStagePlan(name, unbound.Or(steps, KnobTable.RlSteps, 1), sample, score, advantage, filter, lossPhase, update,
            unbound.Or(log, KnobTable.RlLog, new LogPhase(1, stage.Name.Span)), eval, environment.Checkpoint, stage.Span);
    }

    private static ValueReader.UnitConversion PromptsFromCompletions(int? group) => (found, amount) =>
    {
        if (found != Unit.Completions || group is not > 0)
            return null;
        return amount % group.Value == 0
            ? $"{amount} completions at group {group} is {amount / group} prompts"
            : $"{amount} completions is not a whole number of prompts at group {group}";
    };

    private SamplingPlan? Sampling(Settings settings, ValueReader reader)
    {
        var contextTokens = environment.Model?.Context ?? int.MaxValue;
        if (NestedObject(settings, reader, KnobTable.RlSampling, "sampling", "an object { temperature: 1.0, max_tokens: 256 tokens }") is not { } args)
            return null;
        // Each setting is checked on its own, so one that fails to bind gets a placeholder, not a null block.
        var unbound = reader.Placeholders();
        var temperature = unbound.Or(reader.Number(args, KnobTable.Temperature), KnobTable.Temperature, 1);
        var topP = unbound.Or(reader.Number(args, KnobTable.TopP), KnobTable.TopP, 1);
        var topK = unbound.Or(reader.Integer(args, KnobTable.TopK), KnobTable.TopK, 0);
        var maxTokens = args.Has(KnobTable.MaxTokens) ? reader.Count(args, KnobTable.MaxTokens) : Math.Min(contextTokens / 2, 1024);
        var maxPrompt = args.Has(KnobTable.MaxPromptTokens)
            ? reader.Count(args, KnobTable.MaxPromptTokens)
            : maxTokens is { } completion ? Math.Max(1, Math.Min(contextTokens - completion, 512)) : null;
        var stop = unbound.Or(Stop(args, reader), KnobTable.Stop, EquatableArray<string>.Empty);
        return new SamplingPlan(temperature, topP, topK, unbound.Or(maxTokens, KnobTable.MaxTokens, 1), unbound.Or(maxPrompt, KnobTable.MaxPromptTokens, 1), stop);
    }

    /// <summary>The settings inside a `knob: { ... }` block (empty when the knob is absent), or null after reporting a value that is not a block.</summary>
    private Settings? NestedObject(Settings settings, ValueReader reader, Knob knob, string scope, string expected)
    {
        var setting = settings.Get(knob);
        if (setting is null)
            return Settings.FromProperties(context, scope, [], settings.Span);
        if (setting.Value is ObjectSyntax block)
        {
            reader.Record(knob, setting);
            return Settings.FromProperties(context, scope, block.Properties, block.Span);
        }
        context.Report(DiagnosticCatalog.WrongValue(context.Source, setting.Value.Span, scope, expected, ValueReader.Describe(setting.Value)));
        return null;
    }

    private EquatableArray<string>? Stop(Settings args, ValueReader reader)
    {
        if (args.Get(KnobTable.Stop) is not { } setting)
            return EquatableArray<string>.Empty;
        reader.Record(KnobTable.Stop, setting);
        var items = setting.Value is ListSyntax list ? list.Items : [setting.Value];
        var texts = items.Select(item => reader.Text(item, KnobTable.Stop)).ToList();
        return texts.Any(text => text is null) ? null : texts.Select(text => text!).ToEquatableArray();
    }

    /// <summary>Each of sample, micro and filter binds on its own: one that fails gets a placeholder marked unbound.</summary>
    private (int Sample, int Micro, GradientFilterPlan? Filter)? Dash(Settings settings, ValueReader reader, int? batch, int? group)
    {
        if (NestedObject(settings, reader, KnobTable.RlDash, "dash", "an object { sample: 64 prompts, micro: 8 prompts }") is not { } args)
            return null;
        var unbound = reader.Placeholders();
        var sample = args.Has(KnobTable.DashSample) ? reader.Count(args, KnobTable.DashSample, PromptsFromCompletions(group)) : batch;
        var micro = args.Has(KnobTable.DashMicro) ? reader.Count(args, KnobTable.DashMicro, PromptsFromCompletions(group)) : sample;
        GradientFilterPlan? filter = null;
        if (args.Get(KnobTable.DashFilter) is { } filterSetting && filterSetting.Value is not NoneLiteralSyntax)
        {
            reader.Record(KnobTable.DashFilter, filterSetting);
            var fields = new Dictionary<string, (FieldSource, ExprType)> { ["advantage"] = (FieldSource.Advantage, ExprType.Number) };
            var bound = new ExpressionBinder(context, new ExpressionScope(ExpressionContext.Filter, fields, [])).Bind(filterSetting.Value);
            if (bound is not null && bound.Type != ExprType.Bool)
            {
                context.Report(DiagnosticCatalog.FilterType(context.Source, filterSetting.Value.Span, bound.Type.ToString()));
                bound = null;
            }
            unbound.MarkUnless(bound is not null, KnobTable.DashFilter);
            if (bound is not null)
                filter = new GradientFilterPlan(bound, AbsAdvantageThreshold(bound), filterSetting.Value.Span);
        }
        return (unbound.Or(sample, KnobTable.DashSample, 1), unbound.Or(micro, KnobTable.DashMicro, 1), filter);
    }

    /// <summary>τ when the filter reads <c>abs(advantage) &gt; τ</c>, the form the runtime filters fastest.</summary>
    private static double? AbsAdvantageThreshold(BoundExpression filter) =>
        filter is BoundBinary { Operator: BoundBinaryOperator.Greater, Left: BoundCall { Function: "abs", Arguments: [BoundField { Source: FieldSource.Advantage }] }, Right: var right }
            ? Constant(right)
            : null;

    private static double? Constant(BoundExpression expression) => expression switch
    {
        BoundNumber number => number.Value,
        BoundUnary { Operator: BoundUnaryOperator.Negate, Operand: BoundNumber number } => -number.Value,
        _ => null,
    };

    private (DynamicSamplingPlan? Dynamic, bool MaskTruncated, OverlongPlan? Overlong)? Filters(Settings settings, ValueReader reader, ObjectivePreset preset, int maxTokens)
    {
        if (settings.Get(KnobTable.RlFilters) is not { } setting)
        {
            return (preset.DynamicSampling ? new DynamicSamplingPlan(KnobTable.DynamicMaxRounds.DefaultAs<int>()) : null,
                false,
                preset.OverlongShaping ? new OverlongPlan(Math.Max(1, maxTokens / 5), KnobTable.OverlongFactor.DefaultAs<double>()) : null);
        }
        reader.Record(KnobTable.RlFilters, setting);
        var items = setting.Value switch
        {
            ListSyntax list => list.Items,
            NoneLiteralSyntax => [],
            _ => [setting.Value],
        };
        DynamicSamplingPlan? dynamic = null;
        OverlongPlan? overlong = null;
        var mask = false;
        var ok = true;
        foreach (var item in items)
        {
            if (reader.Choice(item, KnobTable.RlFilters, "dynamic", "mask_truncated", "overlong") is not { } choice)
            {
                ok = false;
                continue;
            }
            var args = choice.Call is null ? Settings.FromProperties(context, choice.Name, [], item.Span) : Settings.FromCall(context, choice.Name, choice.Call);
            switch (choice.Name)
            {
                case "mask_truncated":
                    mask = true;
                    break;
                case "dynamic":
                    var rounds = reader.Integer(args, KnobTable.DynamicMaxRounds);
                    ok &= rounds is not null;
                    dynamic = rounds is null ? null : new DynamicSamplingPlan(rounds.Value);
                    break;
                default:
                    var buffer = args.Has(KnobTable.OverlongBuffer) ? reader.Count(args, KnobTable.OverlongBuffer) : Math.Max(1, maxTokens / 5);
                    var factor = reader.Number(args, KnobTable.OverlongFactor);
                    ok &= buffer is not null && factor is not null;
                    overlong = buffer is null || factor is null ? null : new OverlongPlan(buffer.Value, factor.Value);
                    break;
            }
        }
        return ok ? (dynamic, mask, overlong) : null;
    }
}
