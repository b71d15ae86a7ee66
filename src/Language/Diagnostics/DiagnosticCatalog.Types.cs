namespace Reft.Language.Diagnostics;

/// <summary>RFT3xxx: types, units and expressions (written by the compiler's binder).</summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor WrongUnitDescriptor = Error(
        "RFT3001", "Wrong unit",
        "Write the quantity in the unit the knob expects; the message gives the converted value where it can.");

    public static Diagnostic WrongUnit(SourceText source, TextSpan span, string knob, string expected, string found, string conversion) =>
        WrongUnitDescriptor.Create(source, span, $"{knob} is counted in {expected}, not {found}{conversion}");

    public static readonly DiagnosticDescriptor MissingUnitDescriptor = Error(
        "RFT3002", "Missing unit",
        "Quantities carry units: write 64 prompts, 8 completions, 512 tokens, 20 steps or 2 layers.");

    public static Diagnostic MissingUnit(SourceText source, TextSpan span, string knob, string amount, string unit) =>
        MissingUnitDescriptor.Create(source, span, $"{knob} needs a unit; write '{amount} {unit}'");

    public static readonly DiagnosticDescriptor NotAnIntegerDescriptor = Error(
        "RFT3003", "Not a whole number",
        "Counts are whole numbers.");

    public static Diagnostic NotAnInteger(SourceText source, TextSpan span, string knob, string value) =>
        NotAnIntegerDescriptor.Create(source, span, $"{knob} must be a whole number, not {value}");

    public static Diagnostic WholeNumberTooLarge(SourceText source, TextSpan span, string knob, string value, int largest) =>
        NotAnIntegerDescriptor.Create(source, span, $"{knob} is {value}, beyond the largest whole number reft stores ({largest}); use a smaller value");

    public static readonly DiagnosticDescriptor WrongValueDescriptor = Error(
        "RFT3004", "Wrong kind of value",
        "Write the kind of value the knob takes (see docs/language.md).");

    public static Diagnostic WrongValue(SourceText source, TextSpan span, string knob, string expected, string found) =>
        WrongValueDescriptor.Create(source, span, $"{knob} takes {expected}, not {found}");

    public static readonly DiagnosticDescriptor OperatorTypeMismatchDescriptor = Error(
        "RFT3005", "Operator on the wrong types",
        "Arithmetic takes numbers (bool counts as 1/0); and/or/not take bools; == compares values of one kind.");

    public static Diagnostic OperatorTypeMismatch(SourceText source, TextSpan span, string op, string left, string right) =>
        OperatorTypeMismatchDescriptor.Create(source, span, $"'{op}' cannot combine {left} and {right}");

    public static readonly DiagnosticDescriptor ArgumentTypeDescriptor = Error(
        "RFT3006", "Argument of the wrong type",
        "Pass a value of the type the signature names.");

    public static Diagnostic ArgumentType(SourceText source, TextSpan span, string function, string parameter, string expected, string found) =>
        ArgumentTypeDescriptor.Create(source, span, $"{function}: argument '{parameter}' must be {expected}, not {found}");

    public static readonly DiagnosticDescriptor TooManyArgumentsDescriptor = Error(
        "RFT3007", "Too many arguments",
        "Remove the extra argument or name it.");

    public static Diagnostic TooManyArguments(SourceText source, TextSpan span, string callee, int count) =>
        TooManyArgumentsDescriptor.Create(source, span, $"{callee} takes {count} positional argument(s); name the others (key: value) or remove them");

    public static readonly DiagnosticDescriptor OptionalValueDescriptor = Error(
        "RFT3008", "Value may be missing",
        "A value that may be missing (number?, text?) can only be compared with == or != or passed to functions accepting it; use math_equal or compare it.");

    public static Diagnostic OptionalValue(SourceText source, TextSpan span, string what, string type) =>
        OptionalValueDescriptor.Create(source, span, $"{what} is {type}, which may be missing; compare it with == / != or pass it to math_equal");

    public static readonly DiagnosticDescriptor RewardTypeDescriptor = Error(
        "RFT3009", "Reward is not a number",
        "A reward is a number or a bool (1/0).");

    public static Diagnostic RewardType(SourceText source, TextSpan span, string name, string type) =>
        RewardTypeDescriptor.Create(source, span, $"reward '{name}' is {type}; a reward must be a number or a bool (compare the text, e.g. == answer)");

    public static readonly DiagnosticDescriptor InvalidPatternDescriptor = Error(
        "RFT3010", "Invalid regular expression",
        "Fix the .NET regular expression; remember strings escape backslashes (\\\\d).");

    public static Diagnostic InvalidPattern(SourceText source, TextSpan span, string error) =>
        InvalidPatternDescriptor.Create(source, span, $"invalid regular expression: {error.TrimEnd('.')}; fix the pattern (inside a .reft string a backslash is written \\\\)");

    public static readonly DiagnosticDescriptor PatternNotLiteralDescriptor = Error(
        "RFT3011", "Pattern is not a literal",
        "matches() takes its pattern as a string literal so it can be checked at compile time.");

    public static Diagnostic PatternNotLiteral(SourceText source, TextSpan span) =>
        PatternNotLiteralDescriptor.Create(source, span, $"the pattern of matches() must be a string literal");

    public static readonly DiagnosticDescriptor MetricTypeDescriptor = Error(
        "RFT3012", "Metric is not a number",
        "A metric is a number, e.g. mean(correct).");

    public static Diagnostic MetricType(SourceText source, TextSpan span, string type) =>
        MetricTypeDescriptor.Create(source, span, $"a metric must be a number, not {type}; write e.g. mean(correct)");

    public static readonly DiagnosticDescriptor NotAvailableHereDescriptor = Error(
        "RFT3013", "Not available here",
        "completion is only known in rewards, advantage only in dash.filter, mean() only in metrics.");

    public static Diagnostic NotAvailableHere(SourceText source, TextSpan span, string name, string context) =>
        NotAvailableHereDescriptor.Create(source, span, $"'{name}' cannot be used in {context}");

    public static readonly DiagnosticDescriptor FilterTypeDescriptor = Error(
        "RFT3014", "Filter is not a condition",
        "dash.filter is a bool expression over advantage, e.g. abs(advantage) > 0.1.");

    public static Diagnostic FilterType(SourceText source, TextSpan span, string type) =>
        FilterTypeDescriptor.Create(source, span, $"dash.filter must be a bool condition, not {type}; write e.g. abs(advantage) > 0.1");

    public static readonly DiagnosticDescriptor TemplateSyntaxDescriptor = Error(
        "RFT3015", "Broken template hole",
        "Holes are {field}; write a literal brace as {{ or }}.");

    public static Diagnostic TemplateSyntax(SourceText source, TextSpan span, string problem) =>
        TemplateSyntaxDescriptor.Create(source, span, $"{problem} in the prompt template; holes are {{field}}, literal braces are {{{{ and }}}}");

    public static readonly DiagnosticDescriptor PercentOutOfRangeDescriptor = Error(
        "RFT3016", "Percentage out of range",
        "A share of the layers lies between 0% and 100%.");

    public static Diagnostic PercentOutOfRange(SourceText source, TextSpan span, string value) =>
        PercentOutOfRangeDescriptor.Create(source, span, $"{value}% is not a share between 0% and 100%");

    public static readonly DiagnosticDescriptor InvalidModelConfigDescriptor = Error(
        "RFT3017", "Unreadable model config",
        "The checkpoint's config.json must be a JSON object with the Llama/Qwen2 keys.");

    public static Diagnostic InvalidModelConfig(SourceText source, TextSpan span, string path, string problem) =>
        InvalidModelConfigDescriptor.Create(source, span, $"{path}: {problem}");

    public static readonly DiagnosticDescriptor ReversedRangeDescriptor = Error(
        "RFT3018", "Range bounds reversed",
        "Write ranges low .. high.");

    public static Diagnostic ReversedRange(SourceText source, TextSpan span, string low, string high) =>
        ReversedRangeDescriptor.Create(source, span, $"range {low}..{high} is reversed; write {high}..{low}");

    public static readonly DiagnosticDescriptor MissingArgumentsDescriptor = Error(
        "RFT3019", "Too few arguments",
        "Pass every argument the signature lists.");

    public static Diagnostic MissingArguments(SourceText source, TextSpan span, string function, string signature) =>
        MissingArgumentsDescriptor.Create(source, span, $"{function} needs more arguments: {signature}");
}
