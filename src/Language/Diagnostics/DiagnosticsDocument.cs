using System.Text;

namespace Reft.Language.Diagnostics;

/// <summary>Renders docs/diagnostics.md from the catalogue, so the document cannot drift from the code.</summary>
public static class DiagnosticsDocument
{
    public static string Render()
    {
        var builder = new StringBuilder();
        builder.Append("# Diagnostics\n\n");
        builder.Append("Every message reftc prints has a stable code. This file is generated from\n");
        builder.Append("`DiagnosticCatalog` (src/Language/Diagnostics); regenerate it with\n");
        builder.Append("`REFT_UPDATE_DOCS=1 dotnet test tests/Language.Tests`.\n\n");
        builder.Append("Ranges: RFT1xxx syntax, RFT2xxx names, RFT3xxx types and units, RFT4xxx pipeline rules.\n\n");
        builder.Append("| code | severity | problem | how to fix it |\n");
        builder.Append("|---|---|---|---|\n");
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            builder.Append("| ").Append(descriptor.Code)
                .Append(" | ").Append(descriptor.Severity == DiagnosticSeverity.Error ? "error" : "warning")
                .Append(" | ").Append(Escape(descriptor.Title))
                .Append(" | ").Append(Escape(descriptor.Help))
                .Append(" |\n");
        }
        return builder.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
