using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>Binds an rl stage into its phase graph, applying the objective preset under explicit knobs.</summary>
public sealed class RlStageBinder(BindContext context, StageEnvironment environment)
{
    public RlStagePlan? Bind(StageDeclarationSyntax stage, Settings settings)
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

        if (data is null || steps is null || group is null || batch is null || sampling is null || behaviour is null || correction is null
            || objective is null || scale is null || clip is null || !klOk || loss is null || epochs is null || dash is null || filters is null
            || optimizer is null || log is null || !evalOk)
            return null;

        var span = (string path) => context.Spans.Of(name, path, stage.Name.Span);
        var sample = new SamplePhase(data, batch.Value, group.Value, dash.Value.Sample, sampling, behaviour, span(KnobTable.RlBatch.Path));
        var overlong = filters.Value.Overlong;
        var score = new ScorePhase(environment.Rewards.Select(reward => reward.Name).ToEquatableArray(), overlong,
            kl is { Placement: KlPlacement.Reward } ? kl : null, environment.Rewards.Count > 0 ? environment.Rewards[0].Span : stage.Name.Span);
        var advantage = new AdvantagePhase(preset.Estimator, scale.Value, objective.Value.Beta, span(KnobTable.RlObjective.Path));
        var filter = new FilterPhase(dash.Value.Filter, filters.Value.Dynamic, filters.Value.MaskTruncated, EmptyBatchPolicy.Skip,
            dash.Value.Filter?.Span ?? span(KnobTable.RlFilters.Path));
        var lossPhase = new LossPhase(preset.Name, preset.PolicyLoss, clip, correction, kl is { Placement: KlPlacement.Loss } ? kl : null,
            loss.Value.Aggregation, loss.Value.Divisor, epochs.Value, dash.Value.Micro, span(KnobTable.RlLoss.Path));
        var update = new UpdatePhase(optimizer, optimizer.Span);
        return new RlStagePlan(name, steps.Value, sample, score, advantage, filter, lossPhase, update, log, eval, environment.Checkpoint, stage.Span);
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
        var setting = settings.Get(KnobTable.RlSampling);
        Settings args;
        if (setting is null)
            args = Settings.FromProperties(context, "sampling", [], settings.Span);
        else if (setting.Value is ObjectSyntax block)
        {
            reader.Record(KnobTable.RlSampling, setting);
            args = Settings.FromProperties(context, "sampling", block.Properties, block.Span);
        }
        else
        {
            context.Report(DiagnosticCatalog.WrongValue(context.Source, setting.Value.Span, "sampling", "an object { temperature: 1.0, max_tokens: 256 tokens }", ValueReader.Describe(setting.Value)));
            return null;
        }
        var temperature = reader.Number(args, KnobTable.Temperature);
        var topP = reader.Number(args, KnobTable.TopP);
        var topK = reader.Integer(args, KnobTable.TopK);
        var maxTokens = args.Has(KnobTable.MaxTokens) ? reader.Count(args, KnobTable.MaxTokens) : Math.Min(contextTokens / 2, 1024);
        var maxPrompt = args.Has(KnobTable.MaxPromptTokens)
            ? reader.Count(args, KnobTable.MaxPromptTokens)
            : maxTokens is { } completion ? Math.Max(1, Math.Min(contextTokens - completion, 512)) : null;
        var stop = Stop(args, reader);
        if (temperature is null || topP is null || topK is null || maxTokens is null || maxPrompt is null || stop is null)
            return null;
        return new SamplingPlan(temperature.Value, topP.Value, topK.Value, maxTokens.Value, maxPrompt.Value, stop.Value);
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

    private (int Sample, int Micro, GradientFilterPlan? Filter)? Dash(Settings settings, ValueReader reader, int? batch, int? group)
    {
        var setting = settings.Get(KnobTable.RlDash);
        Settings args;
        if (setting is null)
            args = Settings.FromProperties(context, "dash", [], settings.Span);
        else if (setting.Value is ObjectSyntax block)
        {
            reader.Record(KnobTable.RlDash, setting);
            args = Settings.FromProperties(context, "dash", block.Properties, block.Span);
        }
        else
        {
            context.Report(DiagnosticCatalog.WrongValue(context.Source, setting.Value.Span, "dash", "an object { sample: 64 prompts, micro: 8 prompts }", ValueReader.Describe(setting.Value)));
            return null;
        }
        var sample = args.Has(KnobTable.DashSample) ? reader.Count(args, KnobTable.DashSample, PromptsFromCompletions(group)) : batch;
        var micro = args.Has(KnobTable.DashMicro) ? reader.Count(args, KnobTable.DashMicro, PromptsFromCompletions(group)) : sample;
        GradientFilterPlan? filter = null;
        var filterOk = true;
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
            filterOk = bound is not null;
            if (bound is not null)
                filter = new GradientFilterPlan(bound, AbsAdvantageThreshold(bound), filterSetting.Value.Span);
        }
        return sample is null || micro is null || !filterOk ? null : (sample.Value, micro.Value, filter);
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
