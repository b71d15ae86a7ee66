using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Emit;

/// <summary>
/// Turns a typed reward, metric, mapping or filter expression into one C# expression over named
/// parameters. The only calls it can produce are the runtime's verifiers and <c>System.Math</c>,
/// which is what makes a spec unable to run arbitrary code.
/// </summary>
public static class ExpressionEmitter
{
    private const string Verifiers = "global::Reft.Runtime.Rewards.Verifiers";
    private const string Math = "global::System.Math";

    /// <summary>The name of the variable an expression reads for a field, reward mean or the completion.</summary>
    public static string ParameterName(string specName) =>
        SyntaxFacts.GetKeywordKind(specName) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(specName) != SyntaxKind.None
            ? "@" + specName
            : specName;

    public static string CSharpType(ExprType type) => type.Kind switch
    {
        ValueKind.Number => type.Optional ? "double?" : "double",
        ValueKind.Bool => "bool",
        ValueKind.Text => type.Optional ? "string?" : "string",
        _ => "object?",
    };

    /// <summary>The parameters an expression reads, in order of first use: (name, C# type).</summary>
    public static IReadOnlyList<(string Name, string Type, FieldSource? Source)> Inputs(BoundExpression expression)
    {
        var inputs = new List<(string, string, FieldSource?)>();
        void Visit(BoundExpression node)
        {
            switch (node)
            {
                case BoundField field:
                    Add(field.Name, CSharpType(field.Type), field.Source);
                    break;
                case BoundRewardMean mean:
                    Add(mean.Reward, "double", null);
                    break;
                case BoundCall call:
                    foreach (var argument in call.Arguments) Visit(argument);
                    if (call.Function == "length") Add(TokenizerParameter, "global::Reft.Runtime.Text.ITokenizer", null);
                    break;
                case BoundUnary unary:
                    Visit(unary.Operand);
                    break;
                case BoundBinary binary:
                    Visit(binary.Left);
                    Visit(binary.Right);
                    break;
            }
        }
        void Add(string name, string type, FieldSource? source)
        {
            if (!inputs.Any(input => input.Item1 == name)) inputs.Add((name, type, source));
        }
        Visit(expression);
        return inputs;
    }

    public const string TokenizerParameter = "tokenizer";

    /// <summary>The expression as a C# value of its own type (bool stays bool, optional stays nullable).</summary>
    public static string Emit(BoundExpression expression) => expression switch
    {
        BoundNumber number => CSharpLiteral.Double(number.Value),
        BoundBool boolean => CSharpLiteral.Bool(boolean.Value),
        BoundText text => CSharpLiteral.String(text.Value),
        BoundField field => ParameterName(field.Name),
        BoundRewardMean mean => ParameterName(mean.Reward),
        BoundCall call => EmitCall(call),
        BoundUnary { Operator: BoundUnaryOperator.Negate } unary => "-" + AsNumber(unary.Operand),
        BoundUnary unary => "!" + Parenthesised(unary.Operand),
        BoundBinary binary => EmitBinary(binary),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "no C# form for this expression"),
    };

    /// <summary>The expression as a double: bool counts 1/0 (rewards and metrics are numbers).</summary>
    public static string AsNumber(BoundExpression expression) =>
        expression.Type.Kind == ValueKind.Bool ? "(" + Emit(expression) + " ? 1.0 : 0.0)" : Parenthesised(expression);

    private static string Parenthesised(BoundExpression expression) =>
        expression is BoundNumber { Value: >= 0 } or BoundBool or BoundText or BoundField or BoundRewardMean or BoundCall
            ? Emit(expression)
            : "(" + Emit(expression) + ")";

    private static string EmitCall(BoundCall call)
    {
        var args = call.Arguments;
        return call.Function switch
        {
            "number" => $"{Verifiers}.Number({Emit(args[0])})",
            "boxed" => $"{Verifiers}.Boxed({Emit(args[0])})",
            "after" => $"{Verifiers}.After({Emit(args[0])}, {Emit(args[1])})",
            "math_equal" => $"{Verifiers}.MathEqual({AsVerifierValue(args[0])}, {AsVerifierValue(args[1])})",
            "matches" => $"{Verifiers}.Matches({Emit(args[0])}, {Emit(args[1])})",
            "contains" => $"{Verifiers}.Contains({Emit(args[0])}, {Emit(args[1])})",
            "length" => $"(double){Verifiers}.Length({Emit(args[0])}, {TokenizerParameter})",
            "abs" => $"{Math}.Abs({AsNumber(args[0])})",
            "min" or "max" => Fold(call.Function == "min" ? "Min" : "Max", args),
            _ => throw new ArgumentOutOfRangeException(nameof(call), call.Function, "not a built-in verifier"),
        };
    }

    /// <summary>math_equal takes text or numbers; a bool becomes its 1/0 number.</summary>
    private static string AsVerifierValue(BoundExpression argument) => argument.Type.Kind switch
    {
        ValueKind.Bool => "(double?)" + AsNumber(argument),
        ValueKind.Number => "(double?)" + Parenthesised(argument),
        _ => Emit(argument),
    };

    private static string Fold(string method, EquatableArray<BoundExpression> args)
    {
        var result = AsNumber(args[0]);
        for (var i = 1; i < args.Count; i++) result = $"{Math}.{method}({result}, {AsNumber(args[i])})";
        return result;
    }

    private static string EmitBinary(BoundBinary binary)
    {
        var (left, right) = (binary.Left, binary.Right);
        switch (binary.Operator)
        {
            case BoundBinaryOperator.And:
                return $"{Parenthesised(left)} && {Parenthesised(right)}";
            case BoundBinaryOperator.Or:
                return $"{Parenthesised(left)} || {Parenthesised(right)}";
            case BoundBinaryOperator.Equal or BoundBinaryOperator.NotEqual:
                return EmitEquality(binary);
            default:
                return $"{AsNumber(left)} {BoundExpressionText.Symbol(binary.Operator)} {AsNumber(right)}";
        }
    }

    /// <summary>
    /// Comparing with <c>none</c> tests whether a value is missing. Otherwise equality where a side may be missing (a number that failed to parse) is false, and so is
    /// inequality: two failed parses are not "equal answers", and a missing value is not known to differ.
    /// </summary>
    private static string EmitEquality(BoundBinary binary)
    {
        var (left, right) = (binary.Left, binary.Right);
        var negate = binary.Operator == BoundBinaryOperator.NotEqual;
        if (left is BoundMissing || right is BoundMissing)
        {
            var value = left is BoundMissing ? right : left;
            return $"({Emit(value)}) is {(negate ? "not null" : "null")}";
        }
        if (left.Type.Kind == ValueKind.Text || right.Type.Kind == ValueKind.Text)
        {
            var equal = $"global::System.String.Equals({Emit(left)}, {Emit(right)}, global::System.StringComparison.Ordinal)";
            if (!left.Type.Optional && !right.Type.Optional) return negate ? "!" + equal : equal;
            var present = $"{Emit(left)} is not null && {Emit(right)} is not null";
            return negate ? $"({present} && !{equal})" : $"({present} && {equal})";
        }
        if (left.Type.Kind == ValueKind.Bool && right.Type.Kind == ValueKind.Bool)
        {
            return $"{Parenthesised(left)} {(negate ? "!=" : "==")} {Parenthesised(right)}";
        }
        var a = AsOptionalNumber(left);
        var b = AsOptionalNumber(right);
        var numbersEqual = $"{Verifiers}.Equal({a}, {b})";
        if (!negate) return numbersEqual;
        var bothPresent = string.Join(" && ", new[] { left, right }.Where(side => side.Type.Optional).Select(side => $"{Emit(side)} is double"));
        return bothPresent.Length == 0 ? "!" + numbersEqual : $"({bothPresent} && !{numbersEqual})";
    }

    private static string AsOptionalNumber(BoundExpression expression) =>
        expression.Type.Kind == ValueKind.Bool ? "(double?)" + AsNumber(expression) : Parenthesised(expression);

    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
