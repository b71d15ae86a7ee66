using Reft.Language.Diagnostics;

namespace Reft.Language.Parsing;

/// <summary>Unwinds the parser to the nearest member boundary; never leaves <see cref="ReftParser"/>.</summary>
internal sealed class SyntaxErrorException(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
