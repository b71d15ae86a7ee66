namespace Reft.Language.Diagnostics;

/// <summary>The stable identity of one diagnostic code: what docs/diagnostics.md lists.</summary>
/// <param name="Code">Stable code such as <c>RFT1001</c>.</param>
/// <param name="Title">One line naming the problem.</param>
/// <param name="Help">How a user typically fixes it.</param>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string Help)
{
    public Diagnostic Create(SourceText source, TextSpan span, string message) =>
        new(Code, Severity, message, span, source);
}
