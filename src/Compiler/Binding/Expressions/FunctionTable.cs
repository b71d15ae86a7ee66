namespace Reft.Compiler.Binding.Expressions;

[Flags]
public enum ExpressionContext
{
    /// <summary>A reward term: sees <c>completion</c> and the dataset fields.</summary>
    Reward = 1,
    /// <summary>A jsonl field mapping: sees the raw row's keys.</summary>
    Mapping = 2,
    /// <summary>An eval metric: sees reward names through <c>mean(...)</c>.</summary>
    Metric = 4,
    /// <summary>A DASH gradient filter: sees <c>advantage</c>.</summary>
    Filter = 8,
    Anywhere = Reward | Mapping | Metric | Filter,
}

public enum ParameterKind
{
    Value,
    /// <summary>A string literal, validated as a .NET regular expression at compile time.</summary>
    Pattern,
    /// <summary>The name of a declared reward.</summary>
    Reward,
}

public sealed record FunctionParameter(string Name, ExprType Type, ParameterKind Kind = ParameterKind.Value);

/// <summary>
/// One built-in verifier. MethodForm allows <c>x.f(a)</c> for <c>f(x, a)</c>. Variadic repeats the
/// last parameter (min/max need at least two arguments).
/// </summary>
public sealed record FunctionSignature(
    string Name,
    ImmutableArray<FunctionParameter> Parameters,
    ExprType Returns,
    bool Variadic,
    bool MethodForm,
    ExpressionContext Contexts,
    string Help)
{
    public string Display =>
        Name + "(" + string.Join(", ", Parameters.Select(p => p.Kind switch
        {
            ParameterKind.Pattern => "pattern",
            ParameterKind.Reward => "reward",
            _ => p.Type.ToString(),
        })) + (Variadic ? ", ..." : "") + ") -> " + Returns;
}

/// <summary>The only functions a .reft expression can call: one table for binder, emitter and docs.</summary>
public static class FunctionTable
{
    private static FunctionParameter P(string name, ExprType type, ParameterKind kind = ParameterKind.Value) => new(name, type, kind);

    private static readonly ExprType AnyText = ExprType.OptionalText;

    public static readonly ImmutableArray<FunctionSignature> All =
    [
        new("number", [P("text", AnyText)], ExprType.OptionalNumber, false, true, ExpressionContext.Reward | ExpressionContext.Mapping,
            "The last number in the text (integers, decimals, fractions a/b, thousands separators); missing when there is none."),
        new("boxed", [P("text", AnyText)], ExprType.OptionalText, false, true, ExpressionContext.Reward | ExpressionContext.Mapping,
            "The content of the last \\boxed{...} in the text, braces balanced; missing when there is none."),
        new("after", [P("text", AnyText), P("marker", ExprType.Text)], ExprType.OptionalText, false, true, ExpressionContext.Reward | ExpressionContext.Mapping,
            "The trimmed text after the last occurrence of marker; missing when marker does not occur."),
        new("math_equal", [P("left", ExprType.Any), P("right", ExprType.Any)], ExprType.Bool, false, false, ExpressionContext.Reward,
            "True when both sides are the same number or expression (numbers, fractions, simple LaTeX); false when either is missing."),
        new("matches", [P("text", ExprType.Text), P("pattern", ExprType.Text, ParameterKind.Pattern)], ExprType.Bool, false, true, ExpressionContext.Reward,
            "True when the .NET regular expression (a string literal, checked at compile time) matches somewhere in the text."),
        new("contains", [P("text", ExprType.Text), P("part", ExprType.Text)], ExprType.Bool, false, true, ExpressionContext.Reward,
            "True when the text contains part (ordinal comparison)."),
        new("length", [P("text", ExprType.Text)], ExprType.Number, false, true, ExpressionContext.Reward,
            "The number of tokens of the text under the policy's tokenizer."),
        new("abs", [P("x", ExprType.Number)], ExprType.Number, false, false, ExpressionContext.Anywhere,
            "The absolute value."),
        new("min", [P("a", ExprType.Number), P("b", ExprType.Number)], ExprType.Number, true, false, ExpressionContext.Anywhere,
            "The smallest of two or more numbers."),
        new("max", [P("a", ExprType.Number), P("b", ExprType.Number)], ExprType.Number, true, false, ExpressionContext.Anywhere,
            "The largest of two or more numbers."),
        new("mean", [P("reward", ExprType.Number, ParameterKind.Reward)], ExprType.Number, false, false, ExpressionContext.Metric,
            "The mean of a reward over the evaluated completions (metrics only)."),
    ];

    public static FunctionSignature? Find(string name) => All.FirstOrDefault(function => function.Name == name);
}
