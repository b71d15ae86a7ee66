using Reft.Compiler.Plan;

namespace Reft.Compiler.Binding.Expressions;

/// <summary>A typed reward, metric, mapping or filter expression; the emitter turns it into C#.</summary>
public abstract record BoundExpression(ExprType Type, TextSpan Span);

public sealed record BoundNumber(double Value, TextSpan Span) : BoundExpression(ExprType.Number, Span);

public sealed record BoundBool(bool Value, TextSpan Span) : BoundExpression(ExprType.Bool, Span);

public sealed record BoundText(string Value, TextSpan Span) : BoundExpression(ExprType.Text, Span);

/// <summary><c>none</c>: only compared with == / != against an optional value, testing whether it is missing.</summary>
public sealed record BoundMissing(TextSpan Span) : BoundExpression(new ExprType(ValueKind.Any, Optional: true), Span);

public enum FieldSource
{
    /// <summary>The generated completion text.</summary>
    Completion,
    /// <summary>A field of the current dataset row (after mapping).</summary>
    Dataset,
    /// <summary>A key of the raw jsonl object, inside a field mapping.</summary>
    RawRow,
    /// <summary>The completion's advantage, inside a gradient filter.</summary>
    Advantage,
}

public sealed record BoundField(string Name, FieldSource Source, ExprType Type, TextSpan Span) : BoundExpression(Type, Span);

/// <summary>A call of a built-in verifier; <see cref="Function"/> names its row of <see cref="FunctionTable"/>.</summary>
public sealed record BoundCall(string Function, EquatableArray<BoundExpression> Arguments, ExprType Type, TextSpan Span) : BoundExpression(Type, Span);

/// <summary><c>mean(reward)</c> in a metric: the reward's mean over the evaluated rows.</summary>
public sealed record BoundRewardMean(string Reward, TextSpan Span) : BoundExpression(ExprType.Number, Span);

public enum BoundUnaryOperator
{
    Negate,
    Not,
}

public sealed record BoundUnary(BoundUnaryOperator Operator, BoundExpression Operand, ExprType Type, TextSpan Span) : BoundExpression(Type, Span);

public enum BoundBinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

/// <summary>
/// Arithmetic on numbers (bool as 1/0); comparisons give bool; equality on optional operands is
/// false when either side is missing, except against <see cref="BoundMissing"/>, which tests for missing.
/// </summary>
public sealed record BoundBinary(BoundBinaryOperator Operator, BoundExpression Left, BoundExpression Right, ExprType Type, TextSpan Span) : BoundExpression(Type, Span);

public static class BoundExpressionText
{
    /// <summary>Canonical text of an expression, as the baselines and `reftc explain` show it.</summary>
    public static string Render(BoundExpression expression) => expression switch
    {
        BoundNumber number => number.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        BoundBool boolean => boolean.Value ? "true" : "false",
        BoundText text => "\"" + text.Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        BoundField field => field.Source == FieldSource.RawRow ? "row." + field.Name : field.Name,
        BoundCall call => call.Function + "(" + string.Join(", ", call.Arguments.Select(Render)) + ")",
        BoundRewardMean mean => $"mean({mean.Reward})",
        BoundMissing => "none",
        BoundUnary unary => (unary.Operator == BoundUnaryOperator.Negate ? "-" : "not ") + Render(unary.Operand),
        BoundBinary binary => "(" + Render(binary.Left) + " " + Symbol(binary.Operator) + " " + Render(binary.Right) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(expression)),
    };

    public static string Symbol(BoundBinaryOperator op) => op switch
    {
        BoundBinaryOperator.Add => "+",
        BoundBinaryOperator.Subtract => "-",
        BoundBinaryOperator.Multiply => "*",
        BoundBinaryOperator.Divide => "/",
        BoundBinaryOperator.Equal => "==",
        BoundBinaryOperator.NotEqual => "!=",
        BoundBinaryOperator.Less => "<",
        BoundBinaryOperator.LessOrEqual => "<=",
        BoundBinaryOperator.Greater => ">",
        BoundBinaryOperator.GreaterOrEqual => ">=",
        BoundBinaryOperator.And => "and",
        _ => "or",
    };

    public static bool References(BoundExpression expression, FieldSource source) => expression switch
    {
        BoundField field => field.Source == source,
        BoundCall call => call.Arguments.Any(argument => References(argument, source)),
        BoundUnary unary => References(unary.Operand, source),
        BoundBinary binary => References(binary.Left, source) || References(binary.Right, source),
        _ => false,
    };
}
