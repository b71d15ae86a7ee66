using System.Collections.Immutable;
using Sprache;

namespace Reft.Language.Parsing;

/// <summary>Turns source text into tokens with spans by repeatedly applying <see cref="Lexicon.AnyToken"/>.</summary>
public static class Lexer
{
    public static ImmutableArray<Token> Tokenize(SourceText source)
    {
        var tokens = ImmutableArray.CreateBuilder<Token>();
        IInput input = new LexerInput(source.Text, 0);
        // EBNF: space = " " | "\t" | "\r" ;   (skipped between tokens)
        while (true)
        {
            while (!input.AtEnd && Lexicon.IsSpace(input.Current))
            {
                input = input.Advance();
            }
            if (input.AtEnd)
            {
                break;
            }
            var result = Lexicon.AnyTokenStartingWith(input.Current)(input);
            var span = TextSpan.FromBounds(input.Position, result.Remainder.Position);
            tokens.Add(new Token(result.Value, span, source.Text.Substring(span.Start, span.Length)));
            input = result.Remainder;
        }
        tokens.Add(new Token(TokenKind.EndOfFile, new TextSpan(source.Text.Length, 0), ""));
        return tokens.ToImmutable();
    }
}
