using System.Globalization;
using Humanizer;

namespace Reft.Runtime.Training.Progress;

/// <summary>Numbers and durations as a person reads them: "2 minutes, 5 seconds", "1.2k".</summary>
public static class HumanFormat
{
    /// <summary>The two largest non-zero units: "3 hours, 1 minute". Built from Humanizer's
    /// pluralisation rather than TimeSpan.Humanize, whose formatter registry creates named cultures
    /// and so throws under the repo's invariant globalization.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1)) return string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.##} s");
        var whole = TimeSpan.FromSeconds(Math.Round(span.TotalSeconds));
        var parts = new (long Count, string Unit)[] { ((long)whole.TotalDays, "day"), (whole.Hours, "hour"), (whole.Minutes, "minute"), (whole.Seconds, "second") };
        var first = Array.FindIndex(parts, part => part.Count > 0);
        return string.Join(", ", parts.Skip(first).Take(2).Where(part => part.Count > 0).Select(part => part.Unit.ToQuantity(part.Count)));
    }

    /// <summary>Rates and counts with a metric suffix: 1234.5 → "1.2k".</summary>
    public static string Quantity(double? value) => value switch
    {
        null => "–",
        { } number when !double.IsFinite(number) => number.ToString(CultureInfo.InvariantCulture),
        { } number when Math.Abs(number) < 1000 => number.ToString("0.#", CultureInfo.InvariantCulture),
        { } number => number.ToMetric(decimals: 1),
    };

    /// <summary>Scores, losses and rewards: three decimals, "–" when absent.</summary>
    public static string Score(double? value) => value switch
    {
        null => "–",
        { } number when !double.IsFinite(number) => number.ToString(CultureInfo.InvariantCulture),
        { } number => number.ToString("0.000", CultureInfo.InvariantCulture),
    };

    public static string Percent(double fraction) => fraction.ToString("0%", CultureInfo.InvariantCulture);
}
