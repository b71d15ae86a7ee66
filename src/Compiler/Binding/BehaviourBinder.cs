using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>behavior: full | nested(skip: ..., every, delay) | stale(n steps) | dataset(name, fraction), and the correction.</summary>
public sealed class BehaviourBinder(BindContext context, ValueReader reader, int? depth, IReadOnlyDictionary<string, DatasetPlan> datasets)
{
    public BehaviourPlan? Behaviour(Settings settings)
    {
        var knob = KnobTable.RlBehaviour;
        if (settings.Get(knob) is not { } setting)
            return new FullBehaviour(settings.Span);
        reader.Record(knob, setting);
        if (reader.Choice(setting.Value, knob, "full", "nested", "stale", "dataset") is not { } choice)
            return null;
        switch (choice.Name)
        {
            case "full":
                return new FullBehaviour(setting.Value.Span);
            case "dataset":
                return Replay(Call(choice.Call, "dataset_behavior", setting.Value.Span), setting.Value.Span);
            case "stale":
                var staleArgs = Call(choice.Call, "stale", setting.Value.Span);
                if (!staleArgs.Has(KnobTable.StaleLag))
                {
                    context.Report(DiagnosticCatalog.MissingSetting(context.Source, setting.Value.Span, "the lag of stale(...)", "write stale(1 steps)"));
                    return null;
                }
                var lag = reader.Count(staleArgs, KnobTable.StaleLag);
                return lag is null ? null : new StaleBehaviour(lag.Value, setting.Value.Span);
            default:
                var args = Call(choice.Call, "nested", setting.Value.Span);
                if (args.Get(KnobTable.NestedSkip) is not { } skipSetting)
                {
                    context.Report(DiagnosticCatalog.MissingSetting(context.Source, setting.Value.Span, "the layers nested(...) skips", "write nested(skip: random(1..2 layers))"));
                    return null;
                }
                reader.Record(KnobTable.NestedSkip, skipSetting);
                var skip = Skip(skipSetting.Value);
                var every = reader.Option(args, KnobTable.NestedEvery, "batch", "step");
                var delay = reader.Count(args, KnobTable.NestedDelay);
                if (skip is null || every is null || delay is null)
                    return null;
                return new NestedBehaviour(skip, every == "step" ? SkipRedraw.Step : SkipRedraw.Batch, delay.Value, setting.Value.Span);
        }
    }

    /// <summary>dataset(name, fraction: p%): the dataset must be declared and carry a completion field.</summary>
    private DatasetBehaviour? Replay(Settings args, TextSpan span)
    {
        if (args.Get(KnobTable.ReplayDataset) is not { } from)
        {
            context.Report(DiagnosticCatalog.MissingSetting(context.Source, span, "the dataset of dataset(...)", "write dataset(replay, fraction: 25%)"));
            return null;
        }
        reader.Record(KnobTable.ReplayDataset, from);
        var name = from.Value is Language.Syntax.IdentifierSyntax identifier ? identifier.Name : null;
        if (name is null || !datasets.ContainsKey(name))
        {
            var written = name ?? ValueReader.Describe(from.Value);
            context.Report(DiagnosticCatalog.UnknownDataset(context.Source, from.Value.Span, written, NameSuggestions.Hint(written, datasets.Keys)));
            return null;
        }
        if (datasets[name].Field("completion") is null)
        {
            context.Report(DiagnosticCatalog.UnknownField(context.Source, from.Value.Span, "completion", $"of dataset '{name}', which dataset(...) replays", "; map one, e.g. jsonl(\"...\", completion: output)"));
            return null;
        }
        var fraction = 1.0;
        if (args.Get(KnobTable.ReplayFraction) is { } fractionSetting)
        {
            reader.Record(KnobTable.ReplayFraction, fractionSetting);
            if (fractionSetting.Value is not QuantitySyntax { IsPercent: true, Unit: null } percent)
            {
                context.Report(DiagnosticCatalog.WrongValue(context.Source, fractionSetting.Value.Span, "fraction", "a percentage such as 25%", ValueReader.Describe(fractionSetting.Value)));
                return null;
            }
            if (percent.Amount.Value is <= 0 or > 100)
            {
                context.Report(DiagnosticCatalog.PercentOutOfRange(context.Source, percent.Span, percent.Amount.Text));
                return null;
            }
            fraction = percent.Value;
        }
        return new DatasetBehaviour(name, fraction, span);
    }

    private Settings Call(CallSyntax? call, string scope, TextSpan span) =>
        call is null ? Settings.FromProperties(context, scope, [], span) : Settings.FromCall(context, scope, call);

    /// <summary>A count, range or share of layers is a random subset; random/contiguous/fixed spell it out.</summary>
    private SkipPlan? Skip(ExpressionSyntax value)
    {
        var selection = SkipSelection.Random;
        var args = Settings.FromProperties(context, "skip", [], value.Span);
        var layers = value;
        if (value is CallSyntax { Callee: IdentifierSyntax callee } call)
        {
            if (reader.Choice(value, KnobTable.NestedSkip, "random", "contiguous", "fixed") is null)
                return null;
            selection = callee.Name switch { "contiguous" => SkipSelection.Contiguous, "fixed" => SkipSelection.Fixed, _ => SkipSelection.Random };
            args = Settings.FromCall(context, "skip", call);
            if (args.Get(KnobTable.SkipLayers) is not { } layerSetting)
            {
                context.Report(DiagnosticCatalog.MissingSetting(context.Source, call.Span, $"the layers of {callee.Name}(...)", "write e.g. random(1..2 layers)"));
                return null;
            }
            layers = layerSetting.Value;
        }
        if (reader.ProtectedLayers(args, KnobTable.SkipKeepFirst, KnobTable.SkipKeepLast) is not var (keepFirst, keepLast))
            return null;
        if (selection == SkipSelection.Fixed)
        {
            if (layers is not ListSyntax list)
            {
                context.Report(DiagnosticCatalog.WrongValue(context.Source, layers.Span, "fixed", "a list of 0-based layer indices [i, j, ...]", ValueReader.Describe(layers)));
                return null;
            }
            var indices = list.Items.Select(item => reader.Integer(item, KnobTable.SkipLayers)).ToList();
            if (indices.Any(index => index is null))
                return null;
            var fixedLayers = indices.Select(index => index!.Value).ToEquatableArray();
            return new SkipPlan(selection, fixedLayers.Count, fixedLayers.Count, keepFirst, keepLast, fixedLayers, value.Span);
        }
        var count = Count(layers);
        return count is null ? null : new SkipPlan(selection, count.Value.Min, count.Value.Max, keepFirst, keepLast, EquatableArray<int>.Empty, value.Span);
    }

    private (int Min, int Max)? Count(ExpressionSyntax value)
    {
        if (value is QuantitySyntax { IsPercent: true } percent)
        {
            if (percent.Unit is not null and not QuantityUnit.Layers)
            {
                context.Report(DiagnosticCatalog.WrongUnit(context.Source, value.Span, "skip", "layers", percent.Unit.Value.Keyword(), ""));
                return null;
            }
            if (percent.Amount.Value is < 0 or > 100)
            {
                context.Report(DiagnosticCatalog.PercentOutOfRange(context.Source, value.Span, percent.Amount.Text));
                return null;
            }
            // A share resolves against the depth known at compile time; without a model the binder already reported why.
            var layers = depth is { } known ? (int)Math.Round(percent.Value * known, MidpointRounding.AwayFromZero) : 0;
            return (layers, layers);
        }
        if (value is RangeSyntax range)
        {
            if (range.Unit is not QuantityUnit.Layers)
            {
                context.Report(range.Unit is null
                    ? DiagnosticCatalog.MissingUnit(context.Source, value.Span, "skip", context.Source.ToString(value.Span), "layers")
                    : DiagnosticCatalog.WrongUnit(context.Source, value.Span, "skip", "layers", range.Unit.Value.Keyword(), ""));
                return null;
            }
            var low = reader.Integer(range.Low, KnobTable.SkipLayers);
            var high = reader.Integer(range.High, KnobTable.SkipLayers);
            if (low is null || high is null)
                return null;
            if (low > high)
            {
                context.Report(DiagnosticCatalog.ReversedRange(context.Source, value.Span, low.ToString()!, high.ToString()!));
                return null;
            }
            if (low < 0)
            {
                context.Report(DiagnosticCatalog.NegativeValue(context.Source, value.Span, "skip", low.ToString()!));
                return null;
            }
            return (low.Value, high.Value);
        }
        var count = reader.Count(value, KnobTable.SkipLayers);
        return count is null ? null : (count.Value, count.Value);
    }

    private static CorrectionLevel Level(string level) => level == "sequence" ? CorrectionLevel.Sequence : CorrectionLevel.Token;

    public CorrectionPlan? Correction(Settings settings)
    {
        var knob = KnobTable.RlCorrection;
        if (settings.Get(knob) is not { } setting)
            return new CorrectionPlan(CorrectionKind.None, null, null, CorrectionLevel.Token, null, Declared: false, settings.Span);
        reader.Record(knob, setting);
        if (reader.Choice(setting.Value, knob, "none", "truncated_is", "masked_is", "retrace", "behaviour_ratio", "behavior_ratio") is not { } choice)
            return null;
        var span = setting.Value.Span;
        // Each argument binds on its own: one that fails gets a placeholder marked unbound, so the rules still check the others.
        var unbound = reader.Placeholders();
        switch (choice.Name)
        {
            case "none":
                return new CorrectionPlan(CorrectionKind.None, null, null, CorrectionLevel.Token, null, Declared: true, span);
            case "behaviour_ratio" or "behavior_ratio":
                var ratio = Call(choice.Call, "behaviour_ratio", span);
                double? cap = null;
                if (ratio.Has(KnobTable.BehaviourRatioMax))
                    cap = unbound.Or(reader.Number(ratio, KnobTable.BehaviourRatioMax), KnobTable.BehaviourRatioMax, 1);
                return new CorrectionPlan(CorrectionKind.BehaviourRatio, cap, null, CorrectionLevel.Token, null, Declared: true, span);
            case "retrace":
                var retrace = Call(choice.Call, "retrace", span);
                var lambda = unbound.Or(reader.Number(retrace, KnobTable.RetraceLambda), KnobTable.RetraceLambda, 1);
                return new CorrectionPlan(CorrectionKind.Retrace, null, null, CorrectionLevel.Token, lambda, Declared: true, span);
            case "masked_is":
                var masked = Call(choice.Call, "masked_is", span);
                var maskMax = unbound.Or(reader.Number(masked, KnobTable.MaskedMax), KnobTable.MaskedMax, 1);
                var maskMin = unbound.Or(reader.Number(masked, KnobTable.MaskedMin), KnobTable.MaskedMin, 0);
                var maskLevel = unbound.Or(reader.Option(masked, KnobTable.MaskedLevel, "token", "sequence"), KnobTable.MaskedLevel, "token");
                return new CorrectionPlan(CorrectionKind.MaskedIs, maskMax, maskMin, Level(maskLevel), null, Declared: true, span);
            default:
                var args = Call(choice.Call, "truncated_is", span);
                var max = unbound.Or(reader.Number(args, KnobTable.IsMax), KnobTable.IsMax, 1);
                var level = unbound.Or(reader.Option(args, KnobTable.IsLevel, "token", "sequence"), KnobTable.IsLevel, "token");
                return new CorrectionPlan(CorrectionKind.TruncatedIs, max, null, Level(level), null, Declared: true, span);
        }
    }
}
