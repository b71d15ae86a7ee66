using System.Collections.Immutable;
using Reft.Language.Diagnostics;
using Reft.Language.Syntax;

namespace Reft.Language.Parsing;

/// <summary>
/// What the parser found. Root is null only when no pipeline header could be read; members that
/// failed to parse are left out of Root and reported in Diagnostics.
/// </summary>
public sealed record ParseResult(DocumentSyntax? Root, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
