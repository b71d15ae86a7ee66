namespace Reft.Language.Syntax;

/// <summary>Something that stands on its own line inside a pipeline: a property or a declaration.</summary>
public abstract record MemberSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>key: value</c>, in pipelines, blocks and objects.</summary>
public sealed record PropertySyntax(NameSyntax Key, ExpressionSyntax Value, TextSpan Span) : MemberSyntax(Span);

/// <summary>A named declaration: <c>model</c>, <c>dataset</c>, <c>reward</c> or <c>stage</c>.</summary>
public abstract record DeclarationSyntax(NameSyntax Keyword, NameSyntax Name, TextSpan Span) : MemberSyntax(Span);

/// <summary><c>model policy { ... }</c> (Body set) or <c>model reference = frozen(policy)</c> (Initializer set).</summary>
public sealed record ModelDeclarationSyntax(NameSyntax Keyword, NameSyntax Name, BlockSyntax? Body, ExpressionSyntax? Initializer, TextSpan Span)
    : DeclarationSyntax(Keyword, Name, Span);

/// <summary><c>dataset train = arithmetic(...)</c> (Initializer set) or <c>dataset train { ... }</c> (Body set).</summary>
public sealed record DatasetDeclarationSyntax(NameSyntax Keyword, NameSyntax Name, BlockSyntax? Body, ExpressionSyntax? Initializer, TextSpan Span)
    : DeclarationSyntax(Keyword, Name, Span);

/// <summary><c>reward correct = expr [weight w]</c>; Weight is null when omitted (the default weight is 1).</summary>
public sealed record RewardDeclarationSyntax(NameSyntax Keyword, NameSyntax Name, ExpressionSyntax Expression, ExpressionSyntax? Weight, TextSpan Span)
    : DeclarationSyntax(Keyword, Name, Span);

/// <summary><c>stage warmup: sft { ... }</c>.</summary>
public sealed record StageDeclarationSyntax(NameSyntax Keyword, NameSyntax Name, NameSyntax Kind, BlockSyntax Body, TextSpan Span)
    : DeclarationSyntax(Keyword, Name, Span);
