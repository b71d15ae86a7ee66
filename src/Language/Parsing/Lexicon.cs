using Sprache;

namespace Reft.Language.Parsing;

/// <summary>
/// The lexical productions of grammar/reft.ebnf as Sprache parsers. Each rule names the production
/// it implements. The rule chosen by <see cref="AnyTokenStartingWith"/> never fails (unknown
/// characters become <see cref="TokenKind.BadCharacters"/>), so lexing always covers the whole text.
/// </summary>
internal static class Lexicon
{
    // EBNF: comment = "//" { any character except newline } ;
    private static readonly Parser<TokenKind> Comment =
        from slashes in Parse.String("//")
        from body in Parse.CharExcept('\n').Many()
        select TokenKind.Comment;

    // EBNF: number = digit { digit } [ "." digit { digit } ] [ ( "e" | "E" ) [ "+" | "-" ] digit { digit } ] ;
    private static readonly Parser<TokenKind> Number =
        from integer in Parse.Digit.AtLeastOnce()
        from fraction in Parse.Char('.').Then(_ => Parse.Digit.AtLeastOnce()).Optional()
        from exponent in (
            from e in Parse.Chars('e', 'E')
            from sign in Parse.Chars('+', '-').Optional()
            from digits in Parse.Digit.AtLeastOnce()
            select e).Optional()
        select TokenKind.Number;

    // EBNF: name = ( letter | "_" ) { letter | digit | "_" } ;
    private static readonly Parser<TokenKind> Name =
        from first in Parse.Char(character => char.IsLetter(character) || character == '_', "a letter or '_'")
        from rest in Parse.Char(character => char.IsLetterOrDigit(character) || character == '_', "a letter, digit or '_'").Many()
        select TokenKind.Identifier;

    // EBNF: string = '"' { string_char | escape } '"' ; escape = "\" any character except newline ;
    // A string cut short by the end of the line is still one token, so the parser can say so precisely.
    private static readonly Parser<TokenKind> String =
        from open in Parse.Char('"')
        from body in Parse.Char('\\').Then(_ => Parse.CharExcept('\n').Optional()).Return('\\')
            .Or(Parse.CharExcept("\"\n")).Many()
        from close in Parse.Char('"').Optional()
        select close.IsDefined ? TokenKind.String : TokenKind.UnterminatedString;

    // EBNF: punctuation = ".." | "==" | "!=" | "<=" | ">=" | "{" | "}" | "[" | "]" | "(" | ")" | ":" | ","
    //                   | "." | "%" | "=" | "<" | ">" | "+" | "-" | "*" | "/" | newline ;
    private static readonly (string Text, TokenKind Kind)[] Symbols =
    [
        ("..", TokenKind.DotDot), ("==", TokenKind.EqualEqual), ("!=", TokenKind.BangEqual),
        ("<=", TokenKind.LessEqual), (">=", TokenKind.GreaterEqual), ("\n", TokenKind.Newline),
        ("{", TokenKind.OpenBrace), ("}", TokenKind.CloseBrace), ("[", TokenKind.OpenBracket),
        ("]", TokenKind.CloseBracket), ("(", TokenKind.OpenParen), (")", TokenKind.CloseParen),
        (":", TokenKind.Colon), (",", TokenKind.Comma), (".", TokenKind.Dot), ("%", TokenKind.Percent),
        ("=", TokenKind.Assign), ("<", TokenKind.Less), (">", TokenKind.Greater), ("+", TokenKind.Plus),
        ("-", TokenKind.Minus), ("*", TokenKind.Star), ("/", TokenKind.Slash),
    ];

    // Characters that start no token are grouped, so one stray run gives one diagnostic.
    private static readonly Parser<TokenKind> BadCharacters =
        Parse.Char(character => !StartsToken(character), "a character that starts no token").AtLeastOnce().Return(TokenKind.BadCharacters);

    /// <summary>
    /// The rule to try for each first character. Choosing by the first character keeps Sprache
    /// from building a failure for every alternative, which made lexing the hot spot of parsing.
    /// </summary>
    private static readonly Dictionary<char, Parser<TokenKind>> ByFirstCharacter = BuildDispatch();

    // EBNF: token = comment | number | string | name | punctuation ;
    public static Parser<TokenKind> AnyTokenStartingWith(char first) => first switch
    {
        >= '0' and <= '9' => Number,
        '"' => String,
        '_' => Name,
        _ when char.IsLetter(first) => Name,
        _ => ByFirstCharacter.GetValueOrDefault(first, BadCharacters),
    };

    public static bool IsSpace(char character) => character is ' ' or '\t' or '\r';

    private static bool StartsToken(char character) =>
        char.IsAsciiDigit(character) || char.IsLetter(character) || character is '_' or '"' || IsSpace(character)
        || Symbols.Any(symbol => symbol.Text[0] == character && (symbol.Text.Length == 1 || character == '.'));

    private static Dictionary<char, Parser<TokenKind>> BuildDispatch()
    {
        var dispatch = new Dictionary<char, Parser<TokenKind>>();
        foreach (var group in Symbols.GroupBy(symbol => symbol.Text[0]))
        {
            var parser = group.OrderByDescending(symbol => symbol.Text.Length)
                .Select(symbol => Symbol(symbol.Text, symbol.Kind))
                .Aggregate((longer, shorter) => longer.Or(shorter));
            // A lone '!' is no token; it falls back to a bad character.
            dispatch[group.Key] = parser.Or(BadCharacters);
        }
        dispatch['/'] = Comment.Or(dispatch['/']);
        return dispatch;
    }

    private static Parser<TokenKind> Symbol(string text, TokenKind kind) => Parse.String(text).Return(kind);
}
