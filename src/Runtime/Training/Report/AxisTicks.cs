namespace Reft.Runtime.Training.Report;

/// <summary>"Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, covering the data range.</summary>
public static class AxisTicks
{
    /// <returns>The axis range (rounded out to whole ticks) and the tick values.</returns>
    public static (double Min, double Max, IReadOnlyList<double> Ticks) For(double min, double max, int targetCount = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) (min, max) = (0, 1);
        if (max < min) (min, max) = (max, min);
        if (max - min < 1e-12)
        {
            var pad = Math.Abs(min) > 1e-12 ? Math.Abs(min) * 0.1 : 1;
            (min, max) = (min - pad, max + pad);
        }
        var step = NiceStep((max - min) / Math.Max(1, targetCount));
        var start = Math.Floor(min / step) * step;
        var end = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var index = 0; ; index++)
        {
            var tick = start + index * step;
            if (tick > end + step * 1e-9) break;
            ticks.Add(Math.Abs(tick) < step * 1e-9 ? 0 : Math.Round(tick, 12));
        }
        return (start, end, ticks);
    }

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
