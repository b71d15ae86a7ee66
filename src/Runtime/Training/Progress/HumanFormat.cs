using System.Globalization;
using Humanizer;

namespace Reft.Runtime.Training.Progress;

/// <summary>Numbers and durations as a person reads them: "2 minutes, 5 seconds", "1.2k".</summary>
public static class HumanFormat
{
    /// <summary>The two largest units: "3 hours, 1 minute"; under a second, "0.25 s".</summary>
    public static string Duration(TimeSpan span) => span < TimeSpan.FromSeconds(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.##} s")
        : TimeSpan.FromSeconds(Math.Round(span.TotalSeconds)).Humanize(precision: 2, culture: CultureInfo.InvariantCulture);

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
