namespace Reft.Language.Diagnostics;

/// <summary>One problem found in a source file. Message says what is wrong and how to fix it.</summary>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, TextSpan Span, SourceText Source)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public Location Location => Source.GetLocation(Span);

    public Diagnostic AsError() => this with { Severity = DiagnosticSeverity.Error };

    public override string ToString() =>
        $"{Location}: {(IsError ? "error" : "warning")} {Code}: {Message}";
}
