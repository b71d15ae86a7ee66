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

    /// <summary>Longer source lines are cut to this many characters around the caret, marked with "...".</summary>
    public const int MaxShownLine = 160;

    private static void Append(StringBuilder builder, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        builder.Append(diagnostic).Append('\n');
        var line = diagnostic.Source.GetLineText(location.Line).Replace('\t', ' ');
        var lineEnd = diagnostic.Source.GetLineStart(location.Line) + line.Length;
        var caretStart = location.Column - 1;
        var caretLength = Math.Max(1, Math.Min(diagnostic.Span.End, lineEnd) - diagnostic.Span.Start);
        var shownStart = line.Length <= MaxShownLine ? 0 : Math.Clamp(caretStart - MaxShownLine / 2, 0, line.Length - MaxShownLine);
        var shown = line.Substring(shownStart, Math.Min(MaxShownLine, line.Length - shownStart));
        var before = shownStart > 0 ? "..." : "";
        var after = shownStart + shown.Length < line.Length ? "..." : "";
        builder.Append("  ").Append(before).Append(shown).Append(after).Append('\n');
        var caretColumn = before.Length + caretStart - shownStart;
        caretLength = Math.Max(1, Math.Min(caretLength, before.Length + shown.Length - caretColumn));
        builder.Append("  ").Append(' ', caretColumn).Append('^', caretLength).Append('\n');
    }
}
