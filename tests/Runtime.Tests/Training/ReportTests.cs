using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Reft.Runtime.Training.Metrics;
using Reft.Runtime.Training.Report;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Training;

public sealed class ReportTests
{
    private static string BaselinePath(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Baselines", name);

    [Theory]
    [InlineData(0, 0.93, 0, 1, 0.2)]
    [InlineData(3, 147, 0, 150, 50)]
    [InlineData(-0.7, 0.2, -0.8, 0.2, 0.2)]
    [InlineData(1200, 1800, 1200, 1800, 200)]
    public void Ticks_are_round_steps_covering_the_range(double min, double max, double axisMin, double axisMax, double step)
    {
        var (low, high, ticks) = AxisTicks.For(min, max);
        Assert.Equal(axisMin, low, 9);
        Assert.Equal(axisMax, high, 9);
        Assert.Equal(axisMin, ticks[0], 9);
        Assert.Equal(axisMax, ticks[^1], 9);
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.Equal(step, pair.Second - pair.First, 9));
    }

    [Fact]
    public void A_constant_series_still_gets_a_range()
    {
        var (low, high, ticks) = AxisTicks.For(2, 2);
        Assert.True(low < 2 && high > 2);
        Assert.True(ticks.Count >= 2);
    }

    [Fact]
    public void Chart_matches_its_baseline()
    {
        var reward = new ChartSeries("reward", [(1, 0.1), (2, 0.35), (3, double.NaN), (4, 0.5), (5, 0.62)]);
        var eval = new ChartSeries("eval <correct>", [(2, 0.3), (5, 0.7)], SeriesStyle.Points);
        var svg = SvgChart.Render("Reward & accuracy", "step", "reward", [reward, eval], [new ChartMarker(3, "rl")]);
        BaselineFile.Match(BaselinePath("reward-chart.svg"), svg);
    }

    [Fact]
    public void Skip_set_chart_matches_its_baseline()
    {
        var cells = new ChartSeries("skipped", [(1, 2), (1, 3), (2, 4), (3, 1), (3, 2)], SeriesStyle.Cells);
        BaselineFile.Match(BaselinePath("skip-chart.svg"), SvgChart.Render("Skipped layers", "step", "layer", [cells]));
    }

    [Fact]
    public void Chart_places_points_on_the_axes_scale()
    {
        var svg = XDocument.Parse(SvgChart.Render("t", "x", "y", [new ChartSeries("s", [(0, 0), (10, 1)])]));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var points = svg.Descendants(ns + "polyline").Single().Attribute("points")!.Value.Split(' ');
        // plot area: x from 64 to 640 - 150 = 490, y from 280 - 44 = 236 up to 32
        Assert.Equal(["64,236", "490,32"], points);
        var labels = svg.Descendants(ns + "text").Select(text => text.Value).ToList();
        Assert.Contains("10", labels);
        Assert.Contains("0.8", labels);
    }

    [Fact]
    public void Empty_chart_says_no_data() =>
        Assert.Contains("no data", SvgChart.Render("t", "x", "y", [new ChartSeries("s", [(1, double.NaN)])]));

    [Fact]
    public void Report_is_self_contained_and_holds_the_charts_spec_and_plan()
    {
        var steps = Enumerable.Range(1, 6).Select(step => new StepMetrics
        {
            Stage = step <= 2 ? "warmup" : "rl",
            StageIndex = step <= 2 ? 0 : 1,
            Step = step <= 2 ? step : step - 2,
            Loss = 1.0 / step,
            RewardMean = step <= 2 ? null : step * 0.1,
            RewardTerms = step <= 2 ? new Dictionary<string, TermStats>() : new Dictionary<string, TermStats> { ["correct"] = new(step * 0.1, 0.1) },
            SkipSet = step <= 2 ? null : [1, step % 3 + 2],
            EvalMetric = step == 6 ? "mean(correct)" : null,
            EvalScore = step == 6 ? 0.5 : null,
            Time = new PhaseTimes(0.5, 0.1, 0.3, 0.05, 1),
        }).ToList();
        var html = HtmlReport.Render("arith", steps, "pipeline arith { prompt: \"{q}<=\" }", "stage rl: 4 steps");
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.Contains("pipeline arith { prompt: &quot;{q}&lt;=&quot; }", html);
        Assert.Contains("stage rl: 4 steps", html);
        foreach (var title in new[] { "Reward", "Accuracy", "Loss", "Time per step", "Skipped layers" })
            Assert.Contains($">{title}</text>", html);
        Assert.DoesNotContain(">Importance weights</text>", html);
        Assert.Contains("eval mean(correct)", html);
        Assert.Contains("<td>rl</td><td>4</td>", html);
    }
}
