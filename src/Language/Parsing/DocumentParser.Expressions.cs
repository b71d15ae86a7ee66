using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Reft.Language.Diagnostics;
using Reft.Language.Syntax;

namespace Reft.Language.Parsing;

internal sealed partial class DocumentParser
{
    // EBNF: expression = logical [ ".." logical [ unit ] ] ;
    // A trailing unit is parsed with the upper bound (as a quantity) and moved onto the range.
    private ExpressionSyntax ParseExpression(string context)
    {
        if (_depth == 0)
        {
            _operators = 0;
        }
        EnterNesting();
        try
        {
            var start = Current.Span.Start;
            var low = ParseOr(context);
            if (Current.Kind != TokenKind.DotDot)
            {
                return low;
            }
            Advance();
            var high = ParseOr("after '..'");
            var span = TextSpan.FromBounds(start, _previousEnd);
            return IsPlainNumber(low) && high is QuantitySyntax { IsPercent: false, Unit: { } unit } quantity
                ? new RangeSyntax(low, quantity.Amount, unit, span)
                : new RangeSyntax(low, high, null, span);
        }
        finally
        {
            _depth--;
        }
    }

    // EBNF: logical = conjunction { "or" conjunction } ;
    private ExpressionSyntax ParseOr(string context)
    {
        var left = ParseAnd(context);
        while (IsWord(Current, "or"))
        {
            Advance();
            var right = ParseAnd("after 'or'");
            CountOperator();
            left = new BinaryExpressionSyntax(left, BinaryOperator.Or, right, TextSpan.FromBounds(left.Span.Start, _previousEnd));
        }
        return left;
    }

    // EBNF: conjunction = negation { "and" negation } ;
    private ExpressionSyntax ParseAnd(string context)
    {
        var left = ParseNot(context);
        while (IsWord(Current, "and"))
        {
            Advance();
            var right = ParseNot("after 'and'");
            CountOperator();
            left = new BinaryExpressionSyntax(left, BinaryOperator.And, right, TextSpan.FromBounds(left.Span.Start, _previousEnd));
        }
        return left;
    }

    // EBNF: negation = "not" negation | comparison ;
    private ExpressionSyntax ParseNot(string context)
    {
        if (!IsWord(Current, "not"))
        {
            return ParseComparison(context);
        }
        EnterNesting();
        try
        {
            var start = Advance().Span.Start;
            var operand = ParseNot("after 'not'");
            return new UnaryExpressionSyntax(UnaryOperator.Not, operand, TextSpan.FromBounds(start, _previousEnd));
        }
        finally
        {
            _depth--;
        }
    }

    // EBNF: comparison = additive [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) additive ] ;
    private ExpressionSyntax ParseComparison(string context)
    {
        var left = ParseAdditive(context);
        BinaryOperator? op = Current.Kind switch
        {
            TokenKind.EqualEqual => BinaryOperator.Equal,
            TokenKind.BangEqual => BinaryOperator.NotEqual,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.LessEqual => BinaryOperator.LessOrEqual,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.GreaterEqual => BinaryOperator.GreaterOrEqual,
            _ => null,
        };
        if (op is null)
        {
            return left;
        }
        var symbol = Advance().Text;
        var right = ParseAdditive($"after '{symbol}'");
        CountOperator();
        return new BinaryExpressionSyntax(left, op.Value, right, TextSpan.FromBounds(left.Span.Start, _previousEnd));
    }

    // EBNF: additive = term { ( "+" | "-" ) term } ;
    private ExpressionSyntax ParseAdditive(string context)
    {
        var left = ParseTerm(context);
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Current.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            var symbol = Advance().Text;
            var right = ParseTerm($"after '{symbol}'");
            CountOperator();
            left = new BinaryExpressionSyntax(left, op, right, TextSpan.FromBounds(left.Span.Start, _previousEnd));
        }
        return left;
    }

    // EBNF: term = unary { ( "*" | "/" ) unary } ;
    private ExpressionSyntax ParseTerm(string context)
    {
        var left = ParseUnary(context);
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Current.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            var symbol = Advance().Text;
            var right = ParseUnary($"after '{symbol}'");
            CountOperator();
            left = new BinaryExpressionSyntax(left, op, right, TextSpan.FromBounds(left.Span.Start, _previousEnd));
        }
        return left;
    }

    // EBNF: unary = "-" unary | postfix ;
    private ExpressionSyntax ParseUnary(string context)
    {
        if (Current.Kind != TokenKind.Minus)
        {
            return ParsePostfix(context);
        }
        EnterNesting();
        try
        {
            var start = Advance().Span.Start;
            var operand = ParseUnary("after '-'");
            return new UnaryExpressionSyntax(UnaryOperator.Negate, operand, TextSpan.FromBounds(start, _previousEnd));
        }
        finally
        {
            _depth--;
        }
    }

    // EBNF: postfix = primary { "." name | "(" [ arguments ] ")" } ;
    private ExpressionSyntax ParsePostfix(string context)
    {
        var expression = ParsePrimary(context);
        while (true)
        {
            if (Current.Kind == TokenKind.Dot)
            {
                Advance();
                if (Current.Kind != TokenKind.Identifier)
                {
                    throw Error(DiagnosticCatalog.ExpectedToken(_source, Current.Span, "a member name after '.'", Describe(Current)));
                }
                var member = ToName(Advance());
                CountOperator();
                expression = new MemberAccessSyntax(expression, member, TextSpan.FromBounds(expression.Span.Start, _previousEnd));
            }
            else if (Current.Kind == TokenKind.OpenParen)
            {
                var arguments = ParseArguments(expression);
                CountOperator();
                expression = new CallSyntax(expression, arguments, TextSpan.FromBounds(expression.Span.Start, _previousEnd));
            }
            else
            {
                return expression;
            }
        }
    }

    // EBNF: arguments = argument { "," argument } [ "," ] ; argument = [ name ":" ] expression ;
    private ImmutableArray<ArgumentSyntax> ParseArguments(ExpressionSyntax callee)
    {
        var open = Advance();
        var calleeText = callee switch
        {
            IdentifierSyntax identifier => identifier.Name,
            MemberAccessSyntax member => member.Member.Text,
            _ => "the call",
        };
        var arguments = ImmutableArray.CreateBuilder<ArgumentSyntax>();
        SkipNewlinesInside(open);
        while (Current.Kind != TokenKind.CloseParen)
        {
            var start = Current.Span.Start;
            NameSyntax? name = null;
            if (Current.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.Colon)
            {
                name = ToName(Advance());
                Advance();
            }
            var value = ParseExpression(name is null ? $"as an argument of '{calleeText}'" : $"after '{name.Text}:'");
            arguments.Add(new ArgumentSyntax(name, value, TextSpan.FromBounds(start, _previousEnd)));
            if (!ExpectSeparator(open, TokenKind.CloseParen, $"',' or ')' in the arguments of '{calleeText}'"))
            {
                break;
            }
        }
        Advance();
        return arguments.ToImmutable();
    }

    // EBNF: primary = quantity | number | string | "true" | "false" | "none" | name | list | object | "(" expression ")" ;
    private ExpressionSyntax ParsePrimary(string context)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                return ParseNumberOrQuantity();
            case TokenKind.String:
            case TokenKind.UnterminatedString:
                Advance();
                return ParseString(token);
            case TokenKind.OpenBracket:
                return ParseList();
            case TokenKind.OpenBrace:
                return ParseObject();
            case TokenKind.OpenParen:
                return ParseParenthesized();
            case TokenKind.Identifier when token.Text is "and" or "or":
                break;
            case TokenKind.Identifier:
                Advance();
                return token.Text switch
                {
                    "true" => new BoolLiteralSyntax(true, token.Span),
                    "false" => new BoolLiteralSyntax(false, token.Span),
                    "none" => new NoneLiteralSyntax(token.Span),
                    _ => new IdentifierSyntax(token.Text, token.Span),
                };
        }
        throw Error(DiagnosticCatalog.ExpectedValue(_source, token.Span, context, Describe(token)));
    }

    // EBNF: quantity = number ( unit | "%" [ unit ] ) ; unit = "prompts" | "completions" | "tokens" | "steps" | "layers" ;
    private ExpressionSyntax ParseNumberOrQuantity()
    {
        var number = ParseNumber(Advance());
        var isPercent = false;
        if (Current.Kind == TokenKind.Percent)
        {
            Advance();
            isPercent = true;
        }
        QuantityUnit? unit = null;
        // A word followed by ':' starts the next named argument or property (a ',' is missing),
        // which the enclosing sequence reports better than a unit error would.
        if (Current.Kind == TokenKind.Identifier && !IsOperatorWord(Current.Text) && Peek(1).Kind != TokenKind.Colon)
        {
            if (!QuantityUnits.TryParse(Current.Text, out var parsed))
            {
                var written = isPercent ? number.Text + "%" : number.Text;
                throw Error(DiagnosticCatalog.ExpectedUnit(_source, Current.Span, written, Current.Text, SuggestUnit(Current.Text)));
            }
            Advance();
            unit = parsed;
        }
        return isPercent || unit is not null
            ? new QuantitySyntax(number, isPercent, unit, TextSpan.FromBounds(number.Span.Start, _previousEnd))
            : number;
    }

    // EBNF: number (lexical) ;
    private NumberLiteralSyntax ParseNumber(Token token)
    {
        var value = double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            _diagnostics.Add(DiagnosticCatalog.InvalidNumber(_source, token.Span, token.Text));
        }
        return new NumberLiteralSyntax(value, token.Text, token.Span);
    }

    // EBNF: string (lexical) ; escape = "\" ( "\" | '"' | "n" | "r" | "t" ) ;
    private StringLiteralSyntax ParseString(Token token)
    {
        var text = token.Text;
        var terminated = token.Kind == TokenKind.String;
        if (!terminated)
        {
            _diagnostics.Add(DiagnosticCatalog.UnterminatedString(_source, token.Span));
        }
        var end = terminated ? text.Length - 1 : text.Length;
        var value = new StringBuilder();
        for (var i = 1; i < end; i++)
        {
            if (text[i] != '\\')
            {
                value.Append(text[i]);
                continue;
            }
            if (i + 1 >= end)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidEscape(_source, new TextSpan(token.Span.Start + i, 1), "\\"));
                break;
            }
            var escaped = text[i + 1];
            char? resolved = escaped switch
            {
                '\\' => '\\',
                '"' => '"',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => null,
            };
            if (resolved is null)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidEscape(_source, new TextSpan(token.Span.Start + i, 2), text.Substring(i, 2)));
                value.Append(escaped);
            }
            else
            {
                value.Append(resolved.Value);
            }
            i++;
        }
        return new StringLiteralSyntax(value.ToString(), text, token.Span);
    }

    // EBNF: list = "[" [ expression { "," expression } [ "," ] ] "]" ;
    private ListSyntax ParseList()
    {
        var open = Advance();
        var items = ImmutableArray.CreateBuilder<ExpressionSyntax>();
        SkipNewlinesInside(open);
        while (Current.Kind != TokenKind.CloseBracket)
        {
            items.Add(ParseExpression("in the list"));
            if (!ExpectSeparator(open, TokenKind.CloseBracket, "',' or ']' in the list"))
            {
                break;
            }
        }
        Advance();
        return new ListSyntax(items.ToImmutable(), TextSpan.FromBounds(open.Span.Start, _previousEnd));
    }

    // EBNF: object = "{" [ property { ( "," | newline ) property } [ "," ] ] "}" ;
    private ObjectSyntax ParseObject()
    {
        var open = Advance();
        var properties = ImmutableArray.CreateBuilder<PropertySyntax>();
        SkipNewlinesInside(open);
        while (Current.Kind != TokenKind.CloseBrace)
        {
            var propertyStart = _position;
            try
            {
                if (Current.Kind != TokenKind.Identifier)
                {
                    throw Error(Current.Kind == TokenKind.EndOfFile
                        ? DiagnosticCatalog.UnclosedDelimiter(_source, open.Span, '{', '}')
                        : DiagnosticCatalog.ExpectedToken(_source, Current.Span, "a property 'key: value' or '}' in the object", Describe(Current)));
                }
                // Added only once its separator is good, so a value with trailing junk is dropped
                // rather than checked again as if it were what the user meant.
                var property = ParseProperty(" in the object");
                var newlineSeparated = Current.Kind == TokenKind.Newline;
                var more = ExpectSeparator(open, TokenKind.CloseBrace, "',' or '}' in the object", newlineSeparated);
                properties.Add(property);
                if (!more)
                {
                    break;
                }
            }
            catch (SyntaxErrorException error) when (RecoversInsideObject(error))
            {
                _diagnostics.Add(error.Diagnostic);
                SkipToPropertyEnd(propertyStart);
                if (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                }
                SkipNewlinesInside(open);
            }
        }
        Advance();
        return new ObjectSyntax(properties.ToImmutable(), TextSpan.FromBounds(open.Span.Start, _previousEnd));
    }

    // EBNF: primary = "(" expression ")" ;
    private ParenthesizedExpressionSyntax ParseParenthesized()
    {
        var open = Advance();
        SkipNewlinesInside(open);
        var inner = ParseExpression("inside '('");
        SkipNewlinesInside(open);
        if (Current.Kind != TokenKind.CloseParen)
        {
            throw Error(Current.Kind == TokenKind.EndOfFile
                ? DiagnosticCatalog.UnclosedDelimiter(_source, open.Span, '(', ')')
                : DiagnosticCatalog.ExpectedToken(_source, Current.Span, "')'", Describe(Current)));
        }
        Advance();
        return new ParenthesizedExpressionSyntax(inner, TextSpan.FromBounds(open.Span.Start, _previousEnd));
    }

    /// <summary>
    /// After an item of a bracketed sequence: consumes a ',' (or a line break where allowed) and
    /// returns true when another item follows; returns false when the closer is next.
    /// </summary>
    private bool ExpectSeparator(Token open, TokenKind closer, string expected, bool newlineSeparates = false)
    {
        SkipNewlinesInside(open);
        if (Current.Kind == closer)
        {
            return false;
        }
        if (Current.Kind == TokenKind.Comma)
        {
            Advance();
            SkipNewlinesInside(open);
            return Current.Kind != closer;
        }
        if (newlineSeparates)
        {
            return true;
        }
        var closeChar = closer switch { TokenKind.CloseParen => ')', TokenKind.CloseBracket => ']', _ => '}' };
        throw Error(Current.Kind == TokenKind.EndOfFile
            ? DiagnosticCatalog.UnclosedDelimiter(_source, open.Span, open.Text[0], closeChar)
            : DiagnosticCatalog.ExpectedToken(_source, Current.Span, expected, Describe(Current)));
    }

    /// <summary>
    /// Line breaks inside brackets are layout, unless the next line is dedented to (or past) the
    /// line that opened the bracket: then the bracket was never closed, and the parser stops at
    /// the line break so that recovery resumes with the next member.
    /// </summary>
    private void SkipNewlinesInside(Token open)
    {
        var next = _position;
        while (_tokens[next].Kind == TokenKind.Newline)
        {
            next++;
        }
        var following = _tokens[next];
        if (next > _position
            && following.Kind is not (TokenKind.CloseBrace or TokenKind.CloseBracket or TokenKind.CloseParen)
            && (following.Kind == TokenKind.EndOfFile || IsDedented(following, open)))
        {
            var close = open.Kind switch { TokenKind.OpenParen => ')', TokenKind.OpenBracket => ']', _ => '}' };
            throw Error(DiagnosticCatalog.UnclosedDelimiter(_source, open.Span, open.Text[0], close));
        }
        while (_position < next)
        {
            Advance();
        }
    }

    private void CountOperator()
    {
        if (++_operators > MaxOperators)
        {
            throw Error(DiagnosticCatalog.TooManyOperators(_source, Current.Span));
        }
    }

    private void EnterNesting()
    {
        if (++_depth > MaxDepth)
        {
            // The callers' finally blocks undo their own levels as the error unwinds; this one has no finally yet.
            _depth--;
            throw Error(DiagnosticCatalog.NestingTooDeep(_source, Current.Span));
        }
    }

    private static bool IsPlainNumber(ExpressionSyntax expression) => expression switch
    {
        NumberLiteralSyntax => true,
        UnaryExpressionSyntax { Operator: UnaryOperator.Negate, Operand: NumberLiteralSyntax } => true,
        _ => false,
    };

    private static bool IsOperatorWord(string word) => word is "and" or "or" or "not" or "weight";

    private static string? SuggestUnit(string word)
    {
        return EditDistance.Suggest(word.ToLowerInvariant(), Enum.GetValues<QuantityUnit>().Select(unit => unit.Keyword()));
    }
}
