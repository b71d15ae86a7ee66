using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>The knobs sft and rl stages share: data, optimizer, eval, log; and the pipeline's checkpoint.</summary>
public sealed class CommonStageBinder(BindContext context, ValueReader reader, StageEnvironment environment)
{
    public string? Dataset(Settings settings, Knob knob, TextSpan stageName)
    {
        if (settings.Get(knob) is { } setting)
        {
            reader.Record(knob, setting);
            return DatasetName(setting.Value, knob);
        }
        if (environment.DatasetNames.Contains("train"))
            return "train";
        if (environment.DatasetNames.Count == 1)
            return environment.DatasetNames[0];
        context.Report(DiagnosticCatalog.MissingSetting(context.Source, stageName, "the stage's data", "add 'data: NAME' naming a declared dataset"));
        return null;
    }

    public string? DatasetName(ExpressionSyntax value, Knob knob)
    {
        if (value is not IdentifierSyntax identifier)
        {
            context.Report(DiagnosticCatalog.WrongValue(context.Source, value.Span, knob.Key, "a dataset name", ValueReader.Describe(value)));
            return null;
        }
        if (!environment.Datasets.ContainsKey(identifier.Name))
        {
            if (!environment.DatasetNames.Contains(identifier.Name))
                context.Report(DiagnosticCatalog.UnknownDataset(context.Source, value.Span, identifier.Name, NameSuggestions.Hint(identifier.Name, environment.DatasetNames)));
            return null;
        }
        return identifier.Name;
    }

    public OptimizerPlan? Optimizer(Settings settings, Knob knob)
    {
        var setting = settings.Get(knob);
        CallSyntax? call = null;
        if (setting is not null)
        {
            reader.Record(knob, setting);
            if (reader.Choice(setting.Value, knob, "adamw") is not { } choice)
                return null;
            call = choice.Call;
        }
        var span = setting?.Value.Span ?? settings.Span;
        var args = call is null ? Settings.FromProperties(context, "adamw", [], span) : Settings.FromCall(context, "adamw", call);
        // Each argument is checked on its own, so one that fails to bind gets a placeholder, not a null optimizer.
        var unbound = reader.Placeholders();
        var lr = unbound.Or(reader.Number(args, KnobTable.Lr), KnobTable.Lr, 1);
        var betas = unbound.Or(Betas(args), KnobTable.Betas, ((double Beta1, double Beta2))KnobTable.Betas.Value!);
        var eps = unbound.Or(reader.Number(args, KnobTable.AdamEpsilon), KnobTable.AdamEpsilon, 1);
        var decay = unbound.Or(reader.Number(args, KnobTable.WeightDecay), KnobTable.WeightDecay, 0);
        var warmup = unbound.Or(reader.Count(args, KnobTable.Warmup), KnobTable.Warmup, 0);
        var schedule = unbound.Or(reader.Option(args, KnobTable.Schedule, "constant", "cosine"), KnobTable.Schedule, "constant");
        double? clip = KnobTable.GradClip.DefaultAs<double>();
        if (args.Get(KnobTable.GradClip) is { } clipSetting)
        {
            reader.Record(KnobTable.GradClip, clipSetting);
            clip = clipSetting.Value is NoneLiteralSyntax ? null : unbound.Or(reader.Number(clipSetting.Value, KnobTable.GradClip), KnobTable.GradClip, 1);
        }
        return new OptimizerPlan(lr, betas.Beta1, betas.Beta2, eps, decay, warmup, schedule == "cosine" ? LrSchedule.Cosine : LrSchedule.Constant, clip, span);
    }

    private (double Beta1, double Beta2)? Betas(Settings args)
    {
        if (args.Get(KnobTable.Betas) is not { } setting)
            return ((double, double))KnobTable.Betas.Value!;
        reader.Record(KnobTable.Betas, setting);
        if (setting.Value is ListSyntax { Items.Length: 2 } list)
        {
            var first = reader.Number(list.Items[0], KnobTable.Betas);
            var second = reader.Number(list.Items[1], KnobTable.Betas);
            return first is null || second is null ? null : (first.Value, second.Value);
        }
        context.Report(DiagnosticCatalog.WrongValue(context.Source, setting.Value.Span, "betas", "a list [β1, β2]", ValueReader.Describe(setting.Value)));
        return null;
    }

    public LogPhase? Log(Settings settings, Knob knob)
    {
        if (settings.Get(knob) is not { } setting)
            return new LogPhase(knob.DefaultAs<int>(), settings.Span);
        reader.Record(knob, setting);
        if (setting.Value is CallSyntax { CalleeName: "every" } call)
        {
            var args = Settings.FromCall(context, "log", call);
            var every = reader.Count(args, KnobTable.LogEvery);
            return every is null ? null : new LogPhase(every.Value, setting.Value.Span);
        }
        var interval = reader.Count(setting.Value, KnobTable.LogEvery);
        return interval is null ? null : new LogPhase(interval.Value, setting.Value.Span);
    }

    /// <summary>none, or every(n steps, on: dataset, limit: k, metric: expr | [expr, ...]).</summary>
    public (EvalPhase? Eval, bool Ok) Eval(Settings settings, Knob knob)
    {
        if (settings.Get(knob) is not { } setting || setting.Value is NoneLiteralSyntax)
            return (null, true);
        reader.Record(knob, setting);
        if (reader.Choice(setting.Value, knob, "every") is not { Call: { } call })
        {
            if (setting.Value is IdentifierSyntax { Name: "every" })
                context.Report(DiagnosticCatalog.MissingSetting(context.Source, setting.Value.Span, "the eval interval", "write every(25 steps, on: test)"));
            return (null, false);
        }
        var args = Settings.FromCall(context, "eval", call);
        if (!args.Has(KnobTable.EvalEvery))
        {
            context.Report(DiagnosticCatalog.MissingSetting(context.Source, call.Span, "the eval interval", "write every(25 steps, on: test)"));
            return (null, false);
        }
        var every = reader.Count(args, KnobTable.EvalEvery);
        string? dataset;
        if (args.Get(KnobTable.EvalOn) is { } on)
        {
            reader.Record(KnobTable.EvalOn, on);
            dataset = DatasetName(on.Value, KnobTable.EvalOn);
        }
        else if (environment.DatasetNames.Contains("test"))
            dataset = "test";
        else
        {
            context.Report(DiagnosticCatalog.MissingSetting(context.Source, call.Span, "the eval dataset", "add 'on: NAME' naming a held-out dataset"));
            dataset = null;
        }
        int? limit = null;
        if (args.Get(KnobTable.EvalLimit) is { } limitSetting)
        {
            limit = reader.Integer(limitSetting.Value, KnobTable.EvalLimit);
            reader.Record(KnobTable.EvalLimit, limitSetting);
            if (limit is < 1)
            {
                context.Report(DiagnosticCatalog.CountNotPositive(context.Source, limitSetting.Value.Span, "limit", limit.ToString()!));
                limit = null;
            }
        }
        var metrics = Metrics(args);
        if (every is null || dataset is null || metrics is null)
            return (null, false);
        return (new EvalPhase(every.Value, dataset, limit, metrics.Value, setting.Value.Span), true);
    }

    private EquatableArray<MetricPlan>? Metrics(Settings args)
    {
        var rewards = environment.RewardNames;
        if (args.Get(KnobTable.EvalMetric) is not { } setting)
            return environment.Rewards.Select(reward => new MetricPlan($"mean({reward.Name})", new BoundRewardMean(reward.Name, reward.Span), reward.Span)).ToEquatableArray();
        reader.Record(KnobTable.EvalMetric, setting);
        var items = setting.Value is ListSyntax list ? list.Items : [setting.Value];
        var binder = new ExpressionBinder(context, new ExpressionScope(ExpressionContext.Metric, new Dictionary<string, (FieldSource, ExprType)>(), rewards));
        var metrics = new List<MetricPlan>();
        var ok = true;
        foreach (var item in items)
        {
            var bound = binder.Bind(item);
            if (bound is null)
            {
                ok = false;
                continue;
            }
            if (!bound.Type.IsNumeric)
            {
                context.Report(DiagnosticCatalog.MetricType(context.Source, item.Span, bound.Type.ToString()));
                ok = false;
                continue;
            }
            metrics.Add(new MetricPlan(context.Source.ToString(item.Span), bound, item.Span));
        }
        return ok ? metrics.ToEquatableArray() : null;
    }
}
