namespace Reft.Language.Diagnostics;

/// <summary>
/// RFT9xxx: problems in code generation and its compilation. Each is a bug of reftc, never of the
/// spec; they point at the spec location the generated code came from so a report can be precise.
/// </summary>
public static partial class DiagnosticCatalog
{
    private const string ReportIt = "This is a bug in reftc, not in your spec; please report it with the spec attached.";

    public static readonly DiagnosticDescriptor GeneratedCodeInvalidDescriptor = Error(
        "RFT9001", "Generated code does not compile", ReportIt);

    public static Diagnostic GeneratedCodeInvalid(SourceText source, TextSpan span, string compilerMessage) =>
        GeneratedCodeInvalidDescriptor.Create(source, span,
            $"the C# generated for this does not compile ({compilerMessage}); this is a bug in reftc, not in your spec: please report it with the spec attached");

    public static readonly DiagnosticDescriptor GeneratedCodeForbiddenDescriptor = Error(
        "RFT9002", "Generated code leaves the sandbox",
        "Generated code may only call Reft.Runtime and the safe part of the base library. " + ReportIt);

    public static Diagnostic GeneratedCodeForbidden(SourceText source, TextSpan span, string symbol) =>
        GeneratedCodeForbiddenDescriptor.Create(source, span,
            $"the C# generated for this uses '{symbol}', outside the sandbox of Reft.Runtime and the safe base library; this is a bug in reftc: please report it with the spec attached");

    public static readonly DiagnosticDescriptor NotGeneratedDescriptor = Error(
        "RFT9003", "The code generator cannot express this yet",
        "The checker accepted something the C# generator has no form for; rewrite it in a simpler form, and please report it.");

    public static Diagnostic NotGenerated(SourceText source, TextSpan span, string what) =>
        NotGeneratedDescriptor.Create(source, span,
            $"reftc cannot generate code for {what} yet; this is a gap in reftc, not an error in your spec: rewrite it in a simpler form, and please report it");
}
