namespace Reft.Language.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
