using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>objective preset, then advantage, clip, dual_clip, kl and loss overriding it.</summary>
public sealed class ObjectiveBinder(BindContext context, ValueReader reader)
{
    public (ObjectivePreset Preset, double? Beta)? Objective(Settings settings)
    {
        var knob = KnobTable.RlObjective;
        if (settings.Get(knob) is not { } setting)
            return (ObjectivePresets.Find(knob.DefaultAs<string>())!, null);
        reader.Record(knob, setting);
        if (reader.Choice(setting.Value, knob, ObjectivePresets.All.Select(preset => preset.Name).ToArray()) is not { } choice)
            return null;
        var preset = ObjectivePresets.Find(choice.Name)!;
        if (preset.Estimator != AdvantageEstimator.Agro)
            return (preset, null);
        if (choice.Call is null || Settings.FromCall(context, "agro", choice.Call) is not { } args || !args.Has(KnobTable.AgroBeta))
        {
            context.Report(DiagnosticCatalog.MissingSetting(context.Source, setting.Value.Span, "agro's beta", "write agro(beta: 0.05)"));
            return null;
        }
        var beta = reader.Number(args, KnobTable.AgroBeta);
        return beta is null ? null : (preset, beta);
    }

    public AdvantageScale? Scale(Settings settings, ObjectivePreset preset)
    {
        var knob = KnobTable.RlAdvantage;
        if (settings.Get(knob) is not { } setting)
            return preset.Scale;
        reader.Record(knob, setting);
        if (reader.Choice(setting.Value, knob, "group") is not { } choice)
            return null;
        var args = choice.Call is null ? Settings.FromProperties(context, "group", [], setting.Value.Span) : Settings.FromCall(context, "group", choice.Call);
        if (!args.Has(KnobTable.AdvantageScale))
            return preset.Scale;
        return reader.Option(args, KnobTable.AdvantageScale, "std", "none", "batch_std") switch
        {
            "std" => AdvantageScale.Std,
            "none" => AdvantageScale.None,
            "batch_std" => AdvantageScale.BatchStd,
            _ => null,
        };
    }

    /// <summary>clip and dual_clip bind on their own: one that fails gets a placeholder marked unbound, and the rules still check the other.</summary>
    public ClipPlan Clip(Settings settings, ObjectivePreset preset)
    {
        var unbound = reader.Placeholders();
        double? low = preset.ClipLow, high = preset.ClipHigh;
        if (settings.Get(KnobTable.RlClip) is { } setting)
        {
            reader.Record(KnobTable.RlClip, setting);
            if (setting.Value is RangeSyntax range)
            {
                low = reader.Number(range.Low, KnobTable.RlClip);
                high = reader.Number(range.High, KnobTable.RlClip);
            }
            else
                low = high = reader.Number(setting.Value, KnobTable.RlClip);
        }
        unbound.MarkUnless(low is not null && high is not null, KnobTable.RlClip);
        double? dual = null;
        if (settings.Get(KnobTable.RlDualClip) is { } dualSetting && dualSetting.Value is not NoneLiteralSyntax)
        {
            reader.Record(KnobTable.RlDualClip, dualSetting);
            dual = unbound.Or(reader.Number(dualSetting.Value, KnobTable.RlDualClip), KnobTable.RlDualClip, 2);
        }
        return new ClipPlan(low ?? 0.2, high ?? 0.2, dual);
    }

    /// <summary>(plan, ok): a null plan with ok means kl: none.</summary>
    public (KlPlan? Kl, bool Ok) Kl(Settings settings)
    {
        var knob = KnobTable.RlKl;
        if (settings.Get(knob) is not { } setting || setting.Value is NoneLiteralSyntax)
            return (null, true);
        reader.Record(knob, setting);
        if (reader.Choice(setting.Value, knob, "none", "k1", "k2", "k3") is not { } choice)
            return (null, false);
        if (choice.Name == "none")
            return (null, true);
        if (choice.Call is null || Settings.FromCall(context, "kl", choice.Call) is not { } args || !args.Has(KnobTable.KlBeta))
        {
            context.Report(DiagnosticCatalog.MissingSetting(context.Source, setting.Value.Span, $"the coefficient of {choice.Name}", $"write {choice.Name}(0.001)"));
            return (null, false);
        }
        var beta = reader.Number(args, KnobTable.KlBeta);
        var placement = reader.Option(args, KnobTable.KlPlacementKnob, "loss", "reward");
        if (beta is null || placement is null)
            return (null, false);
        var estimator = choice.Name switch { "k1" => KlEstimator.K1, "k2" => KlEstimator.K2, _ => KlEstimator.K3 };
        return (new KlPlan(estimator, beta.Value, placement == "reward" ? KlPlacement.Reward : KlPlacement.Loss, setting.Value.Span), true);
    }

    public (LossAggregation Aggregation, double? Divisor)? Loss(Settings settings, ObjectivePreset preset, int maxTokens)
    {
        var knob = KnobTable.RlLoss;
        if (settings.Get(knob) is not { } setting)
            return (preset.Aggregation, preset.Aggregation == LossAggregation.Constant ? maxTokens : null);
        reader.Record(knob, setting);
        if (reader.Choice(setting.Value, knob, "token_mean", "seq_mean_token_mean", "seq_mean_token_sum", "constant") is not { } choice)
            return null;
        switch (choice.Name)
        {
            case "token_mean":
                return (LossAggregation.TokenMean, null);
            case "seq_mean_token_mean":
                return (LossAggregation.SeqMeanTokenMean, null);
            case "seq_mean_token_sum":
                return (LossAggregation.SeqMeanTokenSum, null);
        }
        if (choice.Call is null)
            return (LossAggregation.Constant, maxTokens);
        var args = Settings.FromCall(context, "constant", choice.Call);
        if (!args.Has(KnobTable.ConstantDivisor))
            return (LossAggregation.Constant, maxTokens);
        var divisor = reader.Number(args, KnobTable.ConstantDivisor);
        return divisor is null ? null : (LossAggregation.Constant, divisor);
    }
}
