namespace Reft.Language.Parsing;

public enum TokenKind
{
    Identifier,
    Number,
    String,
    UnterminatedString,
    Comment,
    Newline,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    OpenParen,
    CloseParen,
    Colon,
    Comma,
    Dot,
    DotDot,
    Percent,
    Assign,
    EqualEqual,
    BangEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Plus,
    Minus,
    Star,
    Slash,
    BadCharacters,
    EndOfFile,
}

/// <summary>One lexeme; its text is read back from the source through the span.</summary>
public readonly record struct Token(TokenKind Kind, TextSpan Span, string Text);
