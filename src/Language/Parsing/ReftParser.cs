using System.Collections.Immutable;
using Reft.Language.Diagnostics;
using Reft.Language.Syntax;

namespace Reft.Language.Parsing;

/// <summary>The one entry point to the front end: text in, syntax tree and diagnostics out.</summary>
public static class ReftParser
{
    /// <summary>Parses a whole file. Never throws on user input; every problem becomes a diagnostic.</summary>
    public static ParseResult Parse(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tokens = Lexer.Tokenize(source);
        return new DocumentParser(source, tokens).ParseDocument();
    }

    public static ParseResult Parse(string text, string path = "<input>") => Parse(SourceText.From(text, path));

    /// <summary>Parses a single expression, for tests and tools; trailing text is an error.</summary>
    public static (ExpressionSyntax? Expression, ImmutableArray<Diagnostic> Diagnostics) ParseExpression(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new DocumentParser(source, Lexer.Tokenize(source)).ParseStandaloneExpression();
    }
}
