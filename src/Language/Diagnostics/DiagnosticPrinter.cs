using System.Text;

namespace Reft.Language.Diagnostics;

/// <summary>Renders diagnostics the way compilers do: header line, the source line, a caret line.</summary>
public static class DiagnosticPrinter
{
    public static string Format(Diagnostic diagnostic)
    {
        var builder = new StringBuilder();
        Append(builder, diagnostic);
        return builder.ToString();
    }

    public static string Format(IEnumerable<Diagnostic> diagnostics)
    {
        var builder = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            Append(builder, diagnostic);
        }
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        builder.Append(diagnostic).Append('\n');
        var line = diagnostic.Source.GetLineText(location.Line).Replace('\t', ' ');
        builder.Append("  ").Append(line).Append('\n');
        var lineEnd = diagnostic.Source.GetLineStart(location.Line) + line.Length;
        var caretLength = Math.Max(1, Math.Min(diagnostic.Span.End, lineEnd) - diagnostic.Span.Start);
        builder.Append("  ").Append(' ', location.Column - 1).Append('^', caretLength).Append('\n');
    }
}
