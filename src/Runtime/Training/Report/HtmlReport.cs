using System.Globalization;
using System.Net;
using System.Text;
using Reft.Runtime.Training.Checkpoints;
using Reft.Runtime.Training.Metrics;

namespace Reft.Runtime.Training.Report;

/// <summary>
/// report.html: one self-contained page (no scripts, no external files) with SVG charts of the
/// run's metrics, followed by the spec and its plan. The x axis counts steps across all stages;
/// a dashed line marks where each stage starts.
/// </summary>
public static class HtmlReport
{
    public static string Render(string title, IReadOnlyList<StepMetrics> steps, string specText, string planText)
    {
        var x = steps.Select((_, index) => index + 1.0).ToList();
        var markers = steps.Select((step, index) => (step, index))
            .Where(pair => pair.index == 0 || steps[pair.index - 1].StageIndex != pair.step.StageIndex)
            .Select(pair => new ChartMarker(pair.index + 1, pair.step.Stage))
            .ToList();
        ChartSeries Line(string name, Func<StepMetrics, double?> value) =>
            new(name, steps.Select((step, index) => (x[index], value(step) ?? double.NaN)).ToList());
        ChartSeries Points(string name, Func<StepMetrics, double?> value) =>
            new(name, steps.Select((step, index) => (x[index], value(step) ?? double.NaN)).Where(p => double.IsFinite(p.Item2)).ToList(), SeriesStyle.Points);

        var termNames = steps.SelectMany(step => step.RewardTerms.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var evalNames = steps.Select(step => step.EvalMetric).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var charts = new List<(string Title, string YLabel, List<ChartSeries> Series)>
        {
            ("Reward", "reward", [Line("total", s => s.RewardMean), .. termNames.Select(term => Line(term, s => s.RewardTerms.TryGetValue(term, out var stats) ? stats.Mean : null))]),
            ("Accuracy", "fraction correct", [Line("train", s => s.Accuracy), .. evalNames.Select(name => Points($"eval {name}", s => s.EvalMetric == name ? s.EvalScore : null))]),
            ("Loss", "loss", [Line("loss", s => s.Loss)]),
            ("Throughput", "tokens/s", [Line("rollout", s => s.RolloutTokensPerSecond), Line("learner", s => s.LearnerTokensPerSecond)]),
            ("Importance weights", "ρ", [Line("mean ρ", s => s.RhoMean), Line("max ρ", s => s.RhoMax), Line("fraction clipped", s => s.RhoFractionClipped)]),
            ("Time per step", "seconds", [Line("sampling", s => s.Time.Sampling), Line("scoring", s => s.Time.Scoring), Line("backprop", s => s.Time.Backprop), Line("optimizer", s => s.Time.Optimizer)]),
            ("Skipped layers", "layer", [new ChartSeries("skipped", steps.SelectMany((step, index) => (step.SkipSet ?? []).Select(layer => (x[index], (double)layer))).ToList(), SeriesStyle.Cells)]),
        };

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>{Escape(title)}</title>\n");
        html.Append("<style>body{font-family:sans-serif;margin:2em;max-width:1400px}figure{display:inline-block;margin:0 1em 1em 0}"
                    + "pre{background:#f6f6f6;padding:1em;overflow:auto}table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}</style>\n");
        html.Append("</head>\n<body>\n");
        html.Append($"<h1>{Escape(title)}</h1>\n");
        html.Append(Summary(steps));
        foreach (var (chartTitle, yLabel, series) in charts)
        {
            var withData = series.Where(s => s.Points.Any(p => double.IsFinite(p.Y))).ToList();
            if (withData.Count == 0) continue;
            html.Append("<figure>\n").Append(SvgChart.Render(chartTitle, "step (all stages)", yLabel, withData, markers)).Append("</figure>\n");
        }
        html.Append("<h2>Spec</h2>\n<pre>").Append(Escape(specText)).Append("</pre>\n");
        html.Append("<h2>Plan</h2>\n<pre>").Append(Escape(planText)).Append("</pre>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the report next to the run's other files, replacing an older one atomically.</summary>
    public static void Write(string path, string title, IReadOnlyList<StepMetrics> steps, string specText, string planText) =>
        DurableFiles.ReplaceAtomically(path, Encoding.UTF8.GetBytes(Render(title, steps, specText, planText)));

    private static string Summary(IReadOnlyList<StepMetrics> steps)
    {
        var html = new StringBuilder("<table>\n<tr><th>stage</th><th>steps</th><th>time</th><th>last reward</th><th>last loss</th><th>last eval</th><th>skipped steps</th></tr>\n");
        foreach (var stage in steps.GroupBy(step => (step.StageIndex, step.Stage)).OrderBy(group => group.Key.StageIndex))
        {
            var lines = stage.ToList();
            var lastEval = lines.LastOrDefault(line => line.EvalScore is not null);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Escape(stage.Key.Stage)}</td><td>{lines.Count}</td>"
                + $"<td>{Escape(Progress.HumanFormat.Duration(TimeSpan.FromSeconds(lines.Sum(line => line.Time.Total))))}</td>"
                + $"<td>{Progress.HumanFormat.Score(lines.Last().RewardMean)}</td><td>{Progress.HumanFormat.Score(lines.Last().Loss)}</td>"
                + $"<td>{(lastEval is null ? "–" : Escape($"{lastEval.EvalMetric} {Progress.HumanFormat.Score(lastEval.EvalScore)}"))}</td>"
                + $"<td>{lines.Count(line => line.StepSkipped is not null)}</td></tr>\n");
        }
        return html.Append("</table>\n").ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
