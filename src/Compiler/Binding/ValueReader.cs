using System.Globalization;
using Reft.Compiler.Binding.Knobs;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>
/// Turns written values into typed knob values, reporting wrong kinds and wrong units. Every
/// method returns null after reporting, so binding continues and all errors of a file come out.
/// </summary>
public sealed class ValueReader(BindContext context, string owner)
{
    private SourceText Source => context.Source;

    /// <summary>Converts a wrong unit into the expected one, or returns null when it cannot.</summary>
    public delegate string? UnitConversion(Unit found, double amount);

    public static string Describe(ExpressionSyntax value) => value switch
    {
        NumberLiteralSyntax number => $"the number {number.Text}",
        StringLiteralSyntax text => $"the string {text.Text}",
        BoolLiteralSyntax boolean => boolean.Value ? "true" : "false",
        NoneLiteralSyntax => "none",
        IdentifierSyntax identifier => $"the name '{identifier.Name}'",
        QuantitySyntax quantity => quantity.Unit is { } unit
            ? $"{quantity.Amount.Text}{(quantity.IsPercent ? "%" : "")} {unit.Keyword()}"
            : $"{quantity.Amount.Text}%",
        RangeSyntax => "a range",
        ListSyntax => "a list",
        ObjectSyntax => "an object { ... }",
        CallSyntax call => $"a call of {call.CalleeName ?? "an expression"}(...)",
        _ => "an expression",
    };

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Record(Knob knob, Setting setting) => context.Spans.Record(owner, knob.Path, setting.Value.Span);

    /// <summary>Placeholders for this owner's knobs that fail to bind.</summary>
    public Placeholders Placeholders() => new(context.Spans, owner);

    /// <summary>A signed number; negative literals come as unary minus.</summary>
    public static double? AsNumber(ExpressionSyntax value) => value switch
    {
        NumberLiteralSyntax number => number.Value,
        UnaryExpressionSyntax { Operator: UnaryOperator.Negate } negate => -AsNumber(negate.Operand),
        ParenthesizedExpressionSyntax parenthesized => AsNumber(parenthesized.Inner),
        _ => null,
    };

    public double? Number(Settings settings, Knob knob)
    {
        if (settings.Get(knob) is not { } setting)
            return knob.Value as double?;
        Record(knob, setting);
        return Number(setting.Value, knob);
    }

    public double? Number(ExpressionSyntax value, Knob knob)
    {
        if (AsNumber(value) is { } number)
            return number;
        if (value is QuantitySyntax quantity)
        {
            context.Report(DiagnosticCatalog.WrongUnit(Source, value.Span, knob.Key, "a plain number", Describe(value), ""));
            return null;
        }
        context.Report(DiagnosticCatalog.WrongValue(Source, value.Span, knob.Key, "a number", Describe(value)));
        return null;
    }

    /// <summary>A whole number without unit (or with the knob's own unit, as in keep_first: 1 layers).</summary>
    /// <summary>keep_first and keep_last of a skip rule or a layer drop: whole layer counts, neither negative; null after reporting.</summary>
    public (int First, int Last)? ProtectedLayers(Settings settings, Knob first, Knob last)
    {
        var keepFirst = Integer(settings, first);
        var keepLast = Integer(settings, last);
        if (keepFirst is null || keepLast is null)
            return null;
        foreach (var (knob, amount) in new[] { (first, keepFirst.Value), (last, keepLast.Value) })
        {
            if (amount < 0)
            {
                context.Report(DiagnosticCatalog.NegativeValue(Source, settings.Get(knob)!.Value.Span, knob.Key, amount.ToString(CultureInfo.InvariantCulture)));
                return null;
            }
        }
        return (keepFirst.Value, keepLast.Value);
    }

    public int? Integer(Settings settings, Knob knob)
    {
        if (settings.Get(knob) is not { } setting)
            return knob.Value as int?;
        Record(knob, setting);
        return Integer(setting.Value, knob);
    }

    public int? Integer(ExpressionSyntax value, Knob knob)
    {
        if (value is QuantitySyntax { IsPercent: false, Unit: { } unit } quantity && UnitNames.Parse(unit.Keyword()) == knob.Unit)
            return Whole(quantity.Amount.Value, value, knob);
        var number = Number(value, knob);
        return number is null ? null : Whole(number.Value, value, knob);
    }

    private int? Whole(double number, ExpressionSyntax value, Knob knob)
    {
        if (number != Math.Floor(number))
        {
            context.Report(DiagnosticCatalog.NotAnInteger(Source, value.Span, knob.Key, Format(number)));
            return null;
        }
        if (Math.Abs(number) > int.MaxValue)
        {
            context.Report(DiagnosticCatalog.WholeNumberTooLarge(Source, value.Span, knob.Key, Format(number), int.MaxValue));
            return null;
        }
        return (int)number;
    }

    /// <summary>A quantity in the knob's unit: <c>64 prompts</c>. Bare numbers and wrong units are errors.</summary>
    public int? Count(Settings settings, Knob knob, UnitConversion? conversion = null)
    {
        if (settings.Get(knob) is not { } setting)
            return knob.Value as int?;
        Record(knob, setting);
        return Count(setting.Value, knob, conversion);
    }

    public int? Count(ExpressionSyntax value, Knob knob, UnitConversion? conversion = null)
    {
        // Steps are the only unit a count can omit: "steps: 400" cannot be misread.
        if (value is NumberLiteralSyntax steps && knob.Unit == Unit.Steps)
            return Whole(steps.Value, value, knob);
        if (value is NumberLiteralSyntax number)
        {
            context.Report(DiagnosticCatalog.MissingUnit(Source, value.Span, knob.Key, number.Text, knob.Unit.Display()));
            return null;
        }
        if (value is not QuantitySyntax quantity)
        {
            context.Report(DiagnosticCatalog.WrongValue(Source, value.Span, knob.Key, $"a count of {knob.Unit.Display()}", Describe(value)));
            return null;
        }
        var found = quantity.IsPercent ? Unit.Percent : UnitNames.Parse(quantity.Unit!.Value.Keyword()) ?? Unit.None;
        if (found != knob.Unit)
        {
            var hint = conversion?.Invoke(found, quantity.Value);
            context.Report(DiagnosticCatalog.WrongUnit(Source, value.Span, knob.Key, knob.Unit.Display(), found.Display(), hint is null ? "" : ": " + hint));
            return null;
        }
        return Whole(quantity.Amount.Value, value, knob);
    }

    public string? Text(Settings settings, Knob knob)
    {
        if (settings.Get(knob) is not { } setting)
            return knob.Value as string;
        Record(knob, setting);
        return Text(setting.Value, knob);
    }

    public string? Text(ExpressionSyntax value, Knob knob)
    {
        if (value is StringLiteralSyntax text)
            return text.Value;
        context.Report(DiagnosticCatalog.WrongValue(Source, value.Span, knob.Key, "a string", Describe(value)));
        return null;
    }

    /// <summary>A bare name out of a fixed set: <c>level: token</c>.</summary>
    public string? Option(Settings settings, Knob knob, params string[] allowed)
    {
        if (settings.Get(knob) is not { } setting)
            return knob.Value as string;
        Record(knob, setting);
        return Option(setting.Value, knob, allowed);
    }

    public string? Option(ExpressionSyntax value, Knob knob, params string[] allowed)
    {
        var name = value switch
        {
            IdentifierSyntax identifier => identifier.Name,
            NoneLiteralSyntax => "none",
            _ => null,
        };
        if (name is null)
        {
            context.Report(DiagnosticCatalog.WrongValue(Source, value.Span, knob.Key, "one of " + string.Join(", ", allowed), Describe(value)));
            return null;
        }
        if (!allowed.Contains(name))
        {
            context.Report(DiagnosticCatalog.UnknownOption(Source, value.Span, name, knob.Key, NameSuggestions.Hint(name, allowed)));
            return null;
        }
        return name;
    }

    /// <summary>A bare name or a call of one of the allowed names; returns the name and the call (null for a bare name).</summary>
    public (string Name, CallSyntax? Call)? Choice(ExpressionSyntax value, Knob knob, params string[] allowed)
    {
        var (name, call) = value switch
        {
            IdentifierSyntax identifier => (identifier.Name, (CallSyntax?)null),
            NoneLiteralSyntax => ("none", null),
            CallSyntax { Callee: IdentifierSyntax callee } c => (callee.Name, c),
            _ => (null, null),
        };
        if (name is null)
        {
            context.Report(DiagnosticCatalog.WrongValue(Source, value.Span, knob.Key, "one of " + string.Join(", ", allowed), Describe(value)));
            return null;
        }
        if (!allowed.Contains(name))
        {
            var span = call?.Callee.Span ?? value.Span;
            context.Report(DiagnosticCatalog.UnknownOption(Source, span, name, knob.Key, NameSuggestions.Hint(name, allowed)));
            return null;
        }
        return (name, call);
    }
}
