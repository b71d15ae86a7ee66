namespace Reft.Bench;

/// <summary>The headlines of every benchmark run, as one plain aligned table (readable on a terminal and in a log file alike).</summary>
public static class SummaryTable
{
    private static readonly string[] Columns = ["benchmark", "measurement", "value", "ratio", "target", "met"];

    public static void Print(IReadOnlyList<Headline> headlines, TextWriter output)
    {
        var rows = headlines.Select(h => new[]
        {
            h.Benchmark, h.Measurement, h.Value,
            h.Ratio is { } ratio && double.IsFinite(ratio) ? Headline.Format(ratio) : "-",
            h.Target,
            h.Met switch { true => "yes", false => "no", null => "" },
        }).ToList();
        var widths = Columns.Select((name, i) => rows.Select(row => row[i].Length).Append(name.Length).Max()).ToArray();
        output.WriteLine(Line(Columns, widths));
        output.WriteLine(string.Join("  ", widths.Select(width => new string('-', width))));
        foreach (var row in rows) output.WriteLine(Line(row, widths));
    }

    // Text columns align left, the ratio right.
    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => i == 3 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd();
}
