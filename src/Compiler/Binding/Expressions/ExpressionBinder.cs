using System.Text.RegularExpressions;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding.Expressions;

/// <summary>Binds reward, metric, mapping and filter expressions to typed trees, reporting every type error.</summary>
public sealed class ExpressionBinder(BindContext context, ExpressionScope scope)
{
    private SourceText Source => context.Source;

    public BoundExpression? Bind(ExpressionSyntax syntax) => syntax switch
    {
        NumberLiteralSyntax number => new BoundNumber(number.Value, number.Span),
        BoolLiteralSyntax boolean => new BoundBool(boolean.Value, boolean.Span),
        StringLiteralSyntax text => new BoundText(text.Value, text.Span),
        NoneLiteralSyntax none => new BoundMissing(none.Span),
        ParenthesizedExpressionSyntax parenthesized => Bind(parenthesized.Inner),
        IdentifierSyntax identifier => BindName(identifier),
        UnaryExpressionSyntax unary => BindUnary(unary),
        BinaryExpressionSyntax binary => BindBinary(binary),
        CallSyntax call => BindCall(call),
        _ => Unsupported(syntax),
    };

    private BoundExpression? Unsupported(ExpressionSyntax syntax)
    {
        context.Report(DiagnosticCatalog.WrongValue(Source, syntax.Span, scope.Description, "a number, string, bool, field or function call", ValueReader.Describe(syntax)));
        return null;
    }

    private BoundExpression? BindName(IdentifierSyntax identifier)
    {
        var name = identifier.Name;
        if (scope.Fields.TryGetValue(name, out var field))
            return new BoundField(name, field.Source, field.Type, identifier.Span);
        if (scope.Context == ExpressionContext.Mapping && scope.OpenRawRow)
            return new BoundField(name, FieldSource.RawRow, ExprType.Text, identifier.Span);
        if (scope.Context != ExpressionContext.Mapping && name is "completion" or "advantage" || scope.Context == ExpressionContext.Metric && scope.Rewards.Contains(name))
        {
            context.Report(DiagnosticCatalog.NotAvailableHere(Source, identifier.Span, name, scope.Description
                + (scope.Context == ExpressionContext.Metric ? $" except as mean({name})" : "")));
            return null;
        }
        if (scope.Context == ExpressionContext.Mapping)
        {
            context.Report(DiagnosticCatalog.UnknownRawKey(Source, identifier.Span, name, scope.RowSource ?? "the data file", NameSuggestions.Hint(name, scope.Fields.Keys)));
            return null;
        }
        if (scope.FieldsIncomplete)
            return null;
        var where = $"known in {scope.Description}";
        context.Report(DiagnosticCatalog.UnknownField(Source, identifier.Span, name, where, NameSuggestions.Hint(name, scope.Fields.Keys)));
        return null;
    }

    private BoundExpression? BindUnary(UnaryExpressionSyntax unary)
    {
        var operand = Bind(unary.Operand);
        if (operand is null)
            return null;
        if (unary.Operator == UnaryOperator.Negate)
        {
            if (!RequireNumeric(operand, "-", unary.Operand.Span))
                return null;
            return new BoundUnary(BoundUnaryOperator.Negate, operand, ExprType.Number, unary.Span);
        }
        if (operand.Type != ExprType.Bool)
        {
            context.Report(DiagnosticCatalog.OperatorTypeMismatch(Source, unary.Span, "not", operand.Type.ToString(), "nothing"));
            return null;
        }
        return new BoundUnary(BoundUnaryOperator.Not, operand, ExprType.Bool, unary.Span);
    }

    private bool RequireNumeric(BoundExpression operand, string op, TextSpan span)
    {
        if (operand.Type.IsNumeric)
            return true;
        if (operand.Type.Optional && operand.Type.Kind is ValueKind.Number)
            context.Report(DiagnosticCatalog.OptionalValue(Source, span, $"the operand of '{op}'", operand.Type.ToString()));
        else
            context.Report(DiagnosticCatalog.OperatorTypeMismatch(Source, span, op, operand.Type.ToString(), "a number"));
        return false;
    }

    private BoundExpression? BindBinary(BinaryExpressionSyntax binary)
    {
        var left = Bind(binary.Left);
        var right = Bind(binary.Right);
        if (left is null || right is null)
            return null;
        var op = Map(binary.Operator);
        var symbol = BoundExpressionText.Symbol(op);
        switch (op)
        {
            case BoundBinaryOperator.Add or BoundBinaryOperator.Subtract or BoundBinaryOperator.Multiply or BoundBinaryOperator.Divide
                or BoundBinaryOperator.Less or BoundBinaryOperator.LessOrEqual or BoundBinaryOperator.Greater or BoundBinaryOperator.GreaterOrEqual:
                if (!RequireNumeric(left, symbol, binary.Left.Span) || !RequireNumeric(right, symbol, binary.Right.Span))
                    return null;
                var arithmetic = op is BoundBinaryOperator.Add or BoundBinaryOperator.Subtract or BoundBinaryOperator.Multiply or BoundBinaryOperator.Divide;
                return new BoundBinary(op, left, right, arithmetic ? ExprType.Number : ExprType.Bool, binary.Span);
            case BoundBinaryOperator.Equal or BoundBinaryOperator.NotEqual:
                if (!Comparable(left.Type, right.Type))
                {
                    context.Report(DiagnosticCatalog.OperatorTypeMismatch(Source, binary.Span, symbol, left.Type.ToString(), right.Type.ToString()));
                    return null;
                }
                return new BoundBinary(op, left, right, ExprType.Bool, binary.Span);
            default:
                if (left.Type != ExprType.Bool || right.Type != ExprType.Bool)
                {
                    context.Report(DiagnosticCatalog.OperatorTypeMismatch(Source, binary.Span, symbol, left.Type.ToString(), right.Type.ToString()));
                    return null;
                }
                return new BoundBinary(op, left, right, ExprType.Bool, binary.Span);
        }
    }

    private static bool Comparable(ExprType left, ExprType right)
    {
        if (left.Kind == ValueKind.Any || right.Kind == ValueKind.Any)
            return left.Optional && right.Optional;
        static ValueKind Numeric(ValueKind kind) => kind == ValueKind.Bool ? ValueKind.Number : kind;
        return Numeric(left.Kind) == Numeric(right.Kind);
    }

    private static BoundBinaryOperator Map(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => BoundBinaryOperator.Add,
        BinaryOperator.Subtract => BoundBinaryOperator.Subtract,
        BinaryOperator.Multiply => BoundBinaryOperator.Multiply,
        BinaryOperator.Divide => BoundBinaryOperator.Divide,
        BinaryOperator.Equal => BoundBinaryOperator.Equal,
        BinaryOperator.NotEqual => BoundBinaryOperator.NotEqual,
        BinaryOperator.Less => BoundBinaryOperator.Less,
        BinaryOperator.LessOrEqual => BoundBinaryOperator.LessOrEqual,
        BinaryOperator.Greater => BoundBinaryOperator.Greater,
        BinaryOperator.GreaterOrEqual => BoundBinaryOperator.GreaterOrEqual,
        BinaryOperator.And => BoundBinaryOperator.And,
        _ => BoundBinaryOperator.Or,
    };

    private BoundExpression? BindCall(CallSyntax call)
    {
        var (name, nameSpan, receiver) = call.Callee switch
        {
            IdentifierSyntax identifier => (identifier.Name, identifier.Span, (ExpressionSyntax?)null),
            MemberAccessSyntax member => (member.Member.Text, member.Member.Span, member.Target),
            _ => (null, call.Callee.Span, null),
        };
        var function = name is null ? null : FunctionTable.Find(name);
        if (function is null || receiver is not null && !function.MethodForm)
        {
            context.Report(DiagnosticCatalog.UnknownFunction(Source, nameSpan, name ?? ValueReader.Describe(call.Callee),
                NameSuggestions.Hint(name ?? "", FunctionTable.All.Where(f => receiver is null || f.MethodForm).Select(f => f.Name))));
            return null;
        }
        if (!function.Contexts.HasFlag(scope.Context))
        {
            context.Report(DiagnosticCatalog.NotAvailableHere(Source, nameSpan, function.Name + "()", scope.Description));
            return null;
        }
        var arguments = new List<ExpressionSyntax>();
        if (receiver is not null)
            arguments.Add(receiver);
        arguments.AddRange(call.Arguments.Select(argument => argument.Value));
        if (arguments.Count < function.Parameters.Length)
        {
            context.Report(DiagnosticCatalog.MissingArguments(Source, call.Span, function.Name, function.Display));
            return null;
        }
        if (arguments.Count > function.Parameters.Length && !function.Variadic)
        {
            context.Report(DiagnosticCatalog.TooManyArguments(Source, arguments[function.Parameters.Length].Span, function.Name, function.Parameters.Length));
            return null;
        }
        if (function.Parameters[0].Kind == ParameterKind.Reward)
            return BindRewardMean(call, arguments[0]);

        var bound = new List<BoundExpression>();
        var failed = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var parameter = function.Parameters[Math.Min(i, function.Parameters.Length - 1)];
            var argument = BindArgument(function, parameter, arguments[i]);
            if (argument is null)
                failed = true;
            else
                bound.Add(argument);
        }
        return failed ? null : new BoundCall(function.Name, bound.ToEquatableArray(), function.Returns, call.Span);
    }

    private BoundExpression? BindArgument(FunctionSignature function, FunctionParameter parameter, ExpressionSyntax syntax)
    {
        if (parameter.Kind == ParameterKind.Pattern)
        {
            if (syntax is not StringLiteralSyntax pattern)
            {
                context.Report(DiagnosticCatalog.PatternNotLiteral(Source, syntax.Span));
                return null;
            }
            try
            {
                _ = new Regex(pattern.Value, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException error)
            {
                context.Report(DiagnosticCatalog.InvalidPattern(Source, syntax.Span, error.Message));
                return null;
            }
            return new BoundText(pattern.Value, pattern.Span);
        }
        var argument = Bind(syntax);
        if (argument is null || argument.Type.AcceptedBy(parameter.Type))
            return argument;
        if (argument.Type.Optional && (argument.Type with { Optional = false }).AcceptedBy(parameter.Type))
            context.Report(DiagnosticCatalog.OptionalValue(Source, syntax.Span, $"argument '{parameter.Name}' of {function.Name}", argument.Type.ToString()));
        else
            context.Report(DiagnosticCatalog.ArgumentType(Source, syntax.Span, function.Name, parameter.Name, parameter.Type.ToString(), argument.Type.ToString()));
        return null;
    }

    private BoundExpression? BindRewardMean(CallSyntax call, ExpressionSyntax argument)
    {
        if (argument is IdentifierSyntax identifier && scope.Rewards.Contains(identifier.Name))
            return new BoundRewardMean(identifier.Name, call.Span);
        var name = argument is IdentifierSyntax named ? named.Name : ValueReader.Describe(argument);
        context.Report(DiagnosticCatalog.UnknownReward(Source, argument.Span, name, NameSuggestions.Hint(name, scope.Rewards)));
        return null;
    }
}
