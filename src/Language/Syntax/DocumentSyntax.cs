using System.Collections.Immutable;

namespace Reft.Language.Syntax;

/// <summary>A whole <c>.reft</c> file: one pipeline plus the comments found anywhere in the file.</summary>
public sealed record DocumentSyntax(PipelineSyntax Pipeline, ImmutableArray<CommentSyntax> Comments, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>pipeline name { members }</c>.</summary>
public sealed record PipelineSyntax(NameSyntax Name, ImmutableArray<MemberSyntax> Members, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>{ members }</c> of a model or stage declaration; holds properties only.</summary>
public sealed record BlockSyntax(ImmutableArray<PropertySyntax> Properties, TextSpan Span) : SyntaxNode(Span);
