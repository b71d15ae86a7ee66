using System.Globalization;
using System.Net;
using System.Text;

namespace Reft.Runtime.Training.Report;

public enum SeriesStyle
{
    /// <summary>Points joined by a line; a non-finite value breaks the line.</summary>
    Line,

    /// <summary>Separate circles (evaluation results).</summary>
    Points,

    /// <summary>Small squares, one per (x, y) cell (skipped layers per step).</summary>
    Cells,
}

public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, SeriesStyle Style = SeriesStyle.Line);

/// <summary>A vertical marker line with a label, e.g. where a stage starts.</summary>
public sealed record ChartMarker(double X, string Label);

/// <summary>
/// Line and point charts as standalone SVG: axes with nice ticks and tick labels, axis titles,
/// a legend, and optional vertical markers. Output depends only on the input, so it can be
/// compared against a baseline file.
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Height = 280;
    private const int Left = 64;
    private const int Right = 150;
    private const int Top = 32;
    private const int Bottom = 44;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartMarker>? markers = null)
    {
        var finite = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        if (finite.Count == 0)
        {
            svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" fill=\"#888\">no data</text>\n</svg>\n"));
            return svg.ToString();
        }

        var x = AxisTicks.For(finite.Min(p => p.X), finite.Max(p => p.X));
        var y = AxisTicks.For(finite.Min(p => p.Y), finite.Max(p => p.Y));
        double PlotX(double value) => Left + (value - x.Min) / (x.Max - x.Min) * (Width - Left - Right);
        double PlotY(double value) => Height - Bottom - (value - y.Min) / (y.Max - y.Min) * (Height - Top - Bottom);

        svg.Append("<g stroke=\"#ddd\" stroke-width=\"1\">\n");
        foreach (var tick in y.Ticks) svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{F(PlotY(tick))}\" x2=\"{Width - Right}\" y2=\"{F(PlotY(tick))}\"/>\n"));
        svg.Append("</g>\n");
        svg.Append(Invariant($"<g stroke=\"#333\" stroke-width=\"1\"><line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\"/><line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\"/></g>\n"));
        svg.Append("<g fill=\"#333\">\n");
        foreach (var tick in x.Ticks)
        {
            svg.Append(Invariant($"<line x1=\"{F(PlotX(tick))}\" y1=\"{Height - Bottom}\" x2=\"{F(PlotX(tick))}\" y2=\"{Height - Bottom + 4}\" stroke=\"#333\"/>"));
            svg.Append(Invariant($"<text x=\"{F(PlotX(tick))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Label(tick)}</text>\n"));
        }
        foreach (var tick in y.Ticks)
        {
            svg.Append(Invariant($"<line x1=\"{Left - 4}\" y1=\"{F(PlotY(tick))}\" x2=\"{Left}\" y2=\"{F(PlotY(tick))}\" stroke=\"#333\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 7}\" y=\"{F(PlotY(tick) + 4)}\" text-anchor=\"end\">{Label(tick)}</text>\n"));
        }
        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{Escape(yLabel)}</text>\n"));
        svg.Append("</g>\n");

        foreach (var marker in markers ?? [])
        {
            if (marker.X < x.Min || marker.X > x.Max) continue;
            svg.Append(Invariant($"<line x1=\"{F(PlotX(marker.X))}\" y1=\"{Top}\" x2=\"{F(PlotX(marker.X))}\" y2=\"{Height - Bottom}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>"));
            svg.Append(Invariant($"<text x=\"{F(PlotX(marker.X) + 3)}\" y=\"{Top + 10}\" fill=\"#666\">{Escape(marker.Label)}</text>\n"));
        }

        for (var index = 0; index < series.Count; index++)
        {
            var color = Palette[index % Palette.Length];
            var points = series[index].Points;
            switch (series[index].Style)
            {
                case SeriesStyle.Line:
                    foreach (var run in FiniteRuns(points))
                    {
                        if (run.Count == 1)
                            svg.Append(Invariant($"<circle cx=\"{F(PlotX(run[0].X))}\" cy=\"{F(PlotY(run[0].Y))}\" r=\"2\" fill=\"{color}\"/>\n"));
                        else
                            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{string.Join(" ", run.Select(p => $"{F(PlotX(p.X))},{F(PlotY(p.Y))}"))}\"/>\n"));
                    }
                    break;
                case SeriesStyle.Points:
                    foreach (var p in points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
                        svg.Append(Invariant($"<circle cx=\"{F(PlotX(p.X))}\" cy=\"{F(PlotY(p.Y))}\" r=\"3.5\" fill=\"{color}\"/>\n"));
                    break;
                case SeriesStyle.Cells:
                    foreach (var p in points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
                        svg.Append(Invariant($"<rect x=\"{F(PlotX(p.X) - 2)}\" y=\"{F(PlotY(p.Y) - 2)}\" width=\"4\" height=\"4\" fill=\"{color}\"/>\n"));
                    break;
            }
            var legendY = Top + 6 + index * 16;
            svg.Append(Invariant($"<rect x=\"{Width - Right + 12}\" y=\"{legendY}\" width=\"10\" height=\"10\" fill=\"{color}\"/>"));
            svg.Append(Invariant($"<text x=\"{Width - Right + 27}\" y=\"{legendY + 9}\">{Escape(series[index].Name)}</text>\n"));
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static IEnumerable<List<(double X, double Y)>> FiniteRuns(IReadOnlyList<(double X, double Y)> points)
    {
        var run = new List<(double X, double Y)>();
        foreach (var point in points)
        {
            if (double.IsFinite(point.X) && double.IsFinite(point.Y)) { run.Add(point); continue; }
            if (run.Count > 0) yield return run;
            run = [];
        }
        if (run.Count > 0) yield return run;
    }

    private static string Label(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
