using Reft.Language.Syntax;

namespace Reft.Language.Formatting;

/// <summary>Prints an expression on one line in canonical spacing; parsing the result gives the same tree.</summary>
public static class ExpressionPrinter
{
    public static string Print(ExpressionSyntax expression) => expression switch
    {
        NumberLiteralSyntax number => number.Text,
        StringLiteralSyntax text => text.Text,
        BoolLiteralSyntax boolean => boolean.Value ? "true" : "false",
        NoneLiteralSyntax => "none",
        IdentifierSyntax identifier => identifier.Name,
        QuantitySyntax quantity => quantity.Amount.Text + (quantity.IsPercent ? "%" : "") + UnitSuffix(quantity.Unit),
        // 1..3 reads as one token; 0.2 .. 0.28 needs the spaces to keep the dots apart from the decimals.
        RangeSyntax range => Print(range.Low) + (IsInteger(range.Low) && IsInteger(range.High) ? ".." : " .. ") + Print(range.High) + UnitSuffix(range.Unit),
        ListSyntax list => "[" + string.Join(", ", list.Items.Select(Print)) + "]",
        ObjectSyntax obj => obj.Properties.IsEmpty
            ? "{}"
            : "{ " + string.Join(", ", obj.Properties.Select(Print)) + " }",
        CallSyntax call => Print(call.Callee) + "(" + string.Join(", ", call.Arguments.Select(Print)) + ")",
        MemberAccessSyntax member => Print(member.Target) + "." + member.Member.Text,
        UnaryExpressionSyntax unary => OperatorText.Of(unary.Operator) + Print(unary.Operand),
        BinaryExpressionSyntax binary => Print(binary.Left) + " " + OperatorText.Of(binary.Operator) + " " + Print(binary.Right),
        ParenthesizedExpressionSyntax parenthesized => "(" + Print(parenthesized.Inner) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "unknown expression node"),
    };

    public static string Print(PropertySyntax property) => property.Key.Text + ": " + Print(property.Value);

    private static string Print(ArgumentSyntax argument) =>
        argument.Name is null ? Print(argument.Value) : argument.Name.Text + ": " + Print(argument.Value);

    private static bool IsInteger(ExpressionSyntax expression) => expression switch
    {
        NumberLiteralSyntax number => number.IsInteger,
        UnaryExpressionSyntax { Operator: UnaryOperator.Negate, Operand: NumberLiteralSyntax number } => number.IsInteger,
        _ => false,
    };

    private static string UnitSuffix(QuantityUnit? unit) => unit is null ? "" : " " + unit.Value.Keyword();
}
