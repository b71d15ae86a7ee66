using Reft.Language.Syntax;

namespace Reft.Language.Tests.Parsing;

/// <summary>An S-expression view of a tree, so tests can state precedence and structure in one line.</summary>
internal static class ExpressionShape
{
    public static string Of(ExpressionSyntax expression) => expression switch
    {
        NumberLiteralSyntax number => number.Text,
        StringLiteralSyntax text => "\"" + text.Value + "\"",
        BoolLiteralSyntax boolean => boolean.Value ? "true" : "false",
        NoneLiteralSyntax => "none",
        IdentifierSyntax identifier => identifier.Name,
        QuantitySyntax quantity => $"(qty {quantity.Amount.Text}{(quantity.IsPercent ? "%" : "")} {quantity.Unit?.Keyword() ?? "-"})",
        RangeSyntax range => $"(range {Of(range.Low)} {Of(range.High)} {range.Unit?.Keyword() ?? "-"})",
        ListSyntax list => "[" + string.Join(" ", list.Items.Select(Of)) + "]",
        ObjectSyntax obj => "{" + string.Join(" ", obj.Properties.Select(p => p.Key.Text + "=" + Of(p.Value))) + "}",
        CallSyntax call => "(call " + Of(call.Callee) + string.Concat(call.Arguments.Select(a => " " + (a.Name is null ? "" : a.Name.Text + "=") + Of(a.Value))) + ")",
        MemberAccessSyntax member => $"(. {Of(member.Target)} {member.Member.Text})",
        UnaryExpressionSyntax unary => $"({(unary.Operator == UnaryOperator.Negate ? "neg" : "not")} {Of(unary.Operand)})",
        BinaryExpressionSyntax binary => $"({OperatorText.Of(binary.Operator)} {Of(binary.Left)} {Of(binary.Right)})",
        ParenthesizedExpressionSyntax parenthesized => $"(paren {Of(parenthesized.Inner)})",
        _ => throw new ArgumentOutOfRangeException(nameof(expression)),
    };
}
