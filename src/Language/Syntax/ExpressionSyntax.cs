using System.Collections.Immutable;

namespace Reft.Language.Syntax;

/// <summary>Values and expressions share one hierarchy: a property value is an expression.</summary>
public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>A number as written (Text keeps <c>1e-3</c> for the formatter).</summary>
public sealed record NumberLiteralSyntax(double Value, string Text, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <summary>True for numbers written without a fraction or exponent, such as <c>400</c>.</summary>
    public bool IsInteger => Text.All(char.IsAsciiDigit);

    public override string ToString() => Text;
}

/// <summary>A string literal; Value has escapes resolved, Text is the source including quotes.</summary>
public sealed record StringLiteralSyntax(string Value, string Text, TextSpan Span) : ExpressionSyntax(Span);

public sealed record BoolLiteralSyntax(bool Value, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>The literal <c>none</c>: a knob switched off, as in <c>kl: none</c>.</summary>
public sealed record NoneLiteralSyntax(TextSpan Span) : ExpressionSyntax(Span);

/// <summary>A bare name used as a value: <c>grpo</c>, <c>train</c>, <c>completion</c>.</summary>
public sealed record IdentifierSyntax(string Name, TextSpan Span) : ExpressionSyntax(Span);

public enum QuantityUnit
{
    Prompts,
    Completions,
    Tokens,
    Steps,
    Layers,
}

public static class QuantityUnits
{
    public static string Keyword(this QuantityUnit unit) => unit.ToString().ToLowerInvariant();

    public static bool TryParse(string word, out QuantityUnit unit)
    {
        foreach (var candidate in Enum.GetValues<QuantityUnit>())
        {
            if (candidate.Keyword() == word)
            {
                unit = candidate;
                return true;
            }
        }
        unit = default;
        return false;
    }
}

/// <summary>
/// A number with a unit: <c>32 prompts</c>, <c>25%</c>, <c>25% layers</c>. Unit is null for a bare
/// percentage. Amount holds the number as written (25 for 25%).
/// </summary>
public sealed record QuantitySyntax(NumberLiteralSyntax Amount, bool IsPercent, QuantityUnit? Unit, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <summary>The amount with the percent applied: 0.25 for 25%.</summary>
    public double Value => IsPercent ? Amount.Value / 100.0 : Amount.Value;
}

/// <summary><c>low..high</c>; a trailing unit (<c>1..2 layers</c>) applies to both bounds and is stored in Unit.</summary>
public sealed record RangeSyntax(ExpressionSyntax Low, ExpressionSyntax High, QuantityUnit? Unit, TextSpan Span) : ExpressionSyntax(Span);

public sealed record ListSyntax(ImmutableArray<ExpressionSyntax> Items, TextSpan Span) : ExpressionSyntax(Span);

/// <summary><c>{ key: value, ... }</c> as a value, e.g. <c>sampling: { temperature: 1.0 }</c>.</summary>
public sealed record ObjectSyntax(ImmutableArray<PropertySyntax> Properties, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>One call argument; Name is null for positional arguments.</summary>
public sealed record ArgumentSyntax(NameSyntax? Name, ExpressionSyntax Value, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>f(a, name: v)</c>, or a method call when Callee is a <see cref="MemberAccessSyntax"/>.</summary>
public sealed record CallSyntax(ExpressionSyntax Callee, ImmutableArray<ArgumentSyntax> Arguments, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <summary>The called name: <c>f</c> for <c>f(x)</c>, <c>after</c> for <c>answer.after(x)</c>.</summary>
    public string? CalleeName => Callee switch
    {
        IdentifierSyntax identifier => identifier.Name,
        MemberAccessSyntax member => member.Member.Text,
        _ => null,
    };
}

/// <summary><c>target.member</c>.</summary>
public sealed record MemberAccessSyntax(ExpressionSyntax Target, NameSyntax Member, TextSpan Span) : ExpressionSyntax(Span);

public enum UnaryOperator
{
    Negate,
    Not,
}

public sealed record UnaryExpressionSyntax(UnaryOperator Operator, ExpressionSyntax Operand, TextSpan Span) : ExpressionSyntax(Span);

public enum BinaryOperator
{
    Multiply,
    Divide,
    Add,
    Subtract,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

public sealed record BinaryExpressionSyntax(ExpressionSyntax Left, BinaryOperator Operator, ExpressionSyntax Right, TextSpan Span) : ExpressionSyntax(Span);

/// <summary><c>( inner )</c>, kept so the formatter reproduces the user's grouping.</summary>
public sealed record ParenthesizedExpressionSyntax(ExpressionSyntax Inner, TextSpan Span) : ExpressionSyntax(Span);

public static class OperatorText
{
    public static string Of(UnaryOperator op) => op == UnaryOperator.Negate ? "-" : "not ";

    public static string Of(BinaryOperator op) => op switch
    {
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "and",
        BinaryOperator.Or => "or",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
