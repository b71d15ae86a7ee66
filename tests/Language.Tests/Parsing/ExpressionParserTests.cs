using Reft.Language.Parsing;
using Reft.Language.Syntax;

namespace Reft.Language.Tests.Parsing;

public class ExpressionParserTests
{
    [Theory]
    [InlineData("7", "7")]
    [InlineData("1e-3", "1e-3")]
    [InlineData("\"{question}=\"", "\"{question}=\"")]
    [InlineData("true", "true")]
    [InlineData("none", "none")]
    [InlineData("grpo", "grpo")]
    [InlineData("32 prompts", "(qty 32 prompts)")]
    [InlineData("8 completions", "(qty 8 completions)")]
    [InlineData("64 tokens", "(qty 64 tokens)")]
    [InlineData("25 steps", "(qty 25 steps)")]
    [InlineData("25%", "(qty 25% -)")]
    [InlineData("25% layers", "(qty 25% layers)")]
    [InlineData("1..3", "(range 1 3 -)")]
    [InlineData("0.2 .. 0.28", "(range 0.2 0.28 -)")]
    [InlineData("1..2 layers", "(range 1 2 layers)")]
    [InlineData("[1, 2, 3,]", "[1 2 3]")]
    [InlineData("[]", "[]")]
    [InlineData("{ temperature: 1.0, max_tokens: 8 tokens }", "{temperature=1.0 max_tokens=(qty 8 tokens)}")]
    [InlineData("{\n  a: 1\n  b: 2\n}", "{a=1 b=2}")]
    [InlineData("adamw(lr: 2e-4, warmup: 5 steps)", "(call adamw lr=2e-4 warmup=(qty 5 steps))")]
    [InlineData("every(25 steps, on: test)", "(call every (qty 25 steps) on=test)")]
    [InlineData("k3(0.001)", "(call k3 0.001)")]
    [InlineData("answer.after(\"####\")", "(call (. answer after) \"####\")")]
    [InlineData("1 + 2 * 3", "(+ 1 (* 2 3))")]
    [InlineData("a - b - c", "(- (- a b) c)")]
    [InlineData("(1 + 2) * 3", "(* (paren (+ 1 2)) 3)")]
    [InlineData("-0.01 * length(completion)", "(* (neg 0.01) (call length completion))")]
    [InlineData("number(completion) == number(answer)", "(== (call number completion) (call number answer))")]
    [InlineData("abs(advantage) > 0.05", "(> (call abs advantage) 0.05)")]
    [InlineData("not a and b or c", "(or (and (not a) b) c)")]
    [InlineData("a or b and c", "(or a (and b c))")]
    [InlineData("x <= 1 and y != 2", "(and (<= x 1) (!= y 2))")]
    [InlineData("a / b >= c - d", "(>= (/ a b) (- c d))")]
    public void Accepts(string text, string expected)
    {
        var (expression, diagnostics) = ReftParser.ParseExpression(SourceText.From(text));

        Assert.Empty(diagnostics);
        Assert.Equal(expected, ExpressionShape.Of(expression!));
    }

    [Fact]
    public void StringEscapesAreResolved()
    {
        var (expression, diagnostics) = ReftParser.ParseExpression(SourceText.From("\"a\\\"b\\\\c\\n\\t\""));

        Assert.Empty(diagnostics);
        Assert.Equal("a\"b\\c\n\t", Assert.IsType<StringLiteralSyntax>(expression).Value);
    }

    [Fact]
    public void NumbersKeepTheirTextAndValue()
    {
        var (expression, _) = ReftParser.ParseExpression(SourceText.From("2.5E+2"));

        var number = Assert.IsType<NumberLiteralSyntax>(expression);
        Assert.Equal(250.0, number.Value);
        Assert.False(number.IsInteger);
    }

    [Fact]
    public void PercentQuantityValueIsAFraction()
    {
        var (expression, _) = ReftParser.ParseExpression(SourceText.From("25% layers"));

        Assert.Equal(0.25, Assert.IsType<QuantitySyntax>(expression).Value);
    }

    [Fact]
    public void SpansCoverTheirText()
    {
        var source = SourceText.From("f(a, n: 32 prompts) + 1");
        var (expression, _) = ReftParser.ParseExpression(source);

        var sum = Assert.IsType<BinaryExpressionSyntax>(expression);
        var call = Assert.IsType<CallSyntax>(sum.Left);
        Assert.Equal("f(a, n: 32 prompts) + 1", source.ToString(sum.Span));
        Assert.Equal("f(a, n: 32 prompts)", source.ToString(call.Span));
        Assert.Equal("n: 32 prompts", source.ToString(call.Arguments[1].Span));
        Assert.Equal("32 prompts", source.ToString(call.Arguments[1].Value.Span));
    }

    [Theory]
    [InlineData("32 prompt", "RFT1005", 1, 4, "expected a unit after 32: prompts, completions, tokens, steps or layers, but found 'prompt'; did you mean 'prompts'?")]
    [InlineData("32 bananas", "RFT1005", 1, 4, "expected a unit after 32: prompts, completions, tokens, steps or layers, but found 'bananas'")]
    [InlineData("25% layer", "RFT1005", 1, 5, "expected a unit after 25%: prompts, completions, tokens, steps or layers, but found 'layer'; did you mean 'layers'?")]
    [InlineData("1 +", "RFT1008", 1, 4, "expected a value after '+' but found the end of the file")]
    [InlineData("f(a b)", "RFT1007", 1, 5, "expected ',' or ')' in the arguments of 'f' but found 'b'")]
    [InlineData("f(a,", "RFT1008", 1, 5, "expected a value as an argument of 'f' but found the end of the file")]
    [InlineData("[1, 2", "RFT1010", 1, 1, "'[' is never closed; add ']' where it ends")]
    [InlineData("\"abc", "RFT1002", 1, 1, "unterminated string; close it with '\"' before the end of the line")]
    [InlineData("\"a\\qb\"", "RFT1003", 1, 3, "invalid escape '\\q' in string")]
    [InlineData("a < b < c", "RFT1007", 1, 7, "expected the end of the expression but found '<'")]
    [InlineData("x.", "RFT1007", 1, 3, "expected a member name after '.' but found the end of the file")]
    [InlineData("1e999", "RFT1004", 1, 1, "'1e999' is not a valid number")]
    [InlineData("{ a 1 }", "RFT1007", 1, 5, "expected ':' after 'a' in the object but found number 1")]
    [InlineData("a ? b", "RFT1001", 1, 3, "unexpected character '?'; remove it")]
    public void RejectsWithPreciseDiagnostic(string text, string code, int line, int column, string messageStart)
    {
        var (_, diagnostics) = ReftParser.ParseExpression(SourceText.From(text));

        var diagnostic = diagnostics[0];
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.StartsWith(messageStart, diagnostic.Message);
    }

    [Fact]
    public void DeepNestingIsReportedNotCrashed()
    {
        var text = new string('(', 5000) + "1" + new string(')', 5000);

        var (expression, diagnostics) = ReftParser.ParseExpression(SourceText.From(text));

        Assert.Null(expression);
        Assert.Equal("RFT1015", Assert.Single(diagnostics).Code);
    }

    [Theory]
    [InlineData(" + ")]
    [InlineData(" and ")]
    [InlineData(" * ")]
    public void ALongOperatorChainIsReportedNotCrashed(string op)
    {
        // A flat chain has no brackets but builds a tree as deep as it is long.
        var text = string.Join(op, Enumerable.Repeat("x", 50_000));

        var (expression, diagnostics) = ReftParser.ParseExpression(SourceText.From(text));

        Assert.Null(expression);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("RFT1015", diagnostic.Code);
        Assert.StartsWith("this value holds more than 256 operators", diagnostic.Message);
    }

    [Fact]
    public void ACallChainCountsTowardsTheOperatorLimit()
    {
        var (expression, diagnostics) = ReftParser.ParseExpression(SourceText.From("x" + string.Concat(Enumerable.Repeat(".f()", 200))));

        Assert.Null(expression);
        Assert.Equal("RFT1015", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void TwoHundredFiftySixOperatorsAreStillAllowed()
    {
        var (expression, diagnostics) = ReftParser.ParseExpression(SourceText.From(string.Join(" + ", Enumerable.Repeat("1", 257))));

        Assert.Empty(diagnostics);
        Assert.IsType<BinaryExpressionSyntax>(expression);
    }

    [Fact]
    public void EveryTooDeepValueOfADocumentIsReported()
    {
        // Recovering from the first error must leave the nesting count where it was, so the
        // second value meets the same limit.
        var deep = new string('(', 65) + "1" + new string(')', 65);
        var text = $"pipeline p {{\n  a: {deep}\n  b: {deep}\n}}\n";

        var diagnostics = ReftParser.Parse(text, "deep.reft").Diagnostics;

        Assert.Equal([2, 3], diagnostics.Where(d => d.Code == "RFT1015").Select(d => d.Location.Line));
    }
}
