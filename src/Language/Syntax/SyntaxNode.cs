namespace Reft.Language.Syntax;

/// <summary>Base of every syntax node: immutable, and carrying the span of text it was parsed from.</summary>
public abstract record SyntaxNode(TextSpan Span);

/// <summary>A name as written in the source: declaration names, property keys, argument names, members.</summary>
public sealed record NameSyntax(string Text, TextSpan Span) : SyntaxNode(Span)
{
    public override string ToString() => Text;
}

/// <summary>A <c>// ...</c> comment; kept so the formatter can put it back.</summary>
public sealed record CommentSyntax(string Text, TextSpan Span) : SyntaxNode(Span);
