using Reft.Language.Diagnostics;

namespace Reft.Language.Parsing;

/// <summary>
/// Recovery inside an object value: a property that fails to parse is skipped up to the ',' or line
/// break that ends it, or the object's '}', so the object (and the member holding it) ends where it
/// was written and the rest of the file is still parsed.
/// </summary>
internal sealed partial class DocumentParser
{
    /// <summary>
    /// An unclosed bracket or a value nested too deep is about the whole value, not one property, so
    /// it unwinds to the member as before.
    /// </summary>
    private static bool RecoversInsideObject(SyntaxErrorException error) =>
        error.Diagnostic.Code != DiagnosticCatalog.UnclosedDelimiterDescriptor.Code
        && error.Diagnostic.Code != DiagnosticCatalog.NestingTooDeepDescriptor.Code;

    /// <summary>
    /// Moves to the end of the property that starts at token <paramref name="propertyStart"/>: the first
    /// ',' or line break at or after the failing token outside the property's own brackets, or the '}'
    /// that closes the object. The brackets are counted from the property's start, since the error may
    /// have been raised inside them.
    /// </summary>
    private void SkipToPropertyEnd(int propertyStart)
    {
        var failedAt = _position;
        var opened = new Stack<TokenKind>();
        var end = propertyStart;
        for (; _tokens[end].Kind != TokenKind.EndOfFile; end++)
        {
            var kind = _tokens[end].Kind;
            var pastError = end >= failedAt;
            if (kind is TokenKind.OpenBrace or TokenKind.OpenBracket or TokenKind.OpenParen)
            {
                opened.Push(kind);
            }
            else if (kind is TokenKind.CloseBrace or TokenKind.CloseBracket or TokenKind.CloseParen)
            {
                var opener = OpenerOf(kind);
                if (opened.Contains(opener))
                {
                    while (opened.Pop() != opener)
                    {
                    }
                }
                else if (pastError && kind == TokenKind.CloseBrace && !opened.Contains(TokenKind.OpenBrace))
                {
                    break;
                }
            }
            else if (pastError && opened.Count == 0 && kind is TokenKind.Comma or TokenKind.Newline)
            {
                break;
            }
        }
        while (_position < end)
        {
            Advance();
        }
    }

    private static TokenKind OpenerOf(TokenKind closer) => closer switch
    {
        TokenKind.CloseBrace => TokenKind.OpenBrace,
        TokenKind.CloseBracket => TokenKind.OpenBracket,
        _ => TokenKind.OpenParen,
    };
}
