using System.Globalization;

namespace Reft.Bench;

/// <summary>
/// One row of the combined summary: what was measured, its value, the ratio of the two sides
/// measured together, and the target that ratio must meet (if any).
/// </summary>
public sealed record Headline(string Benchmark, string Measurement, string Value, double? Ratio, string Target = "", bool? Met = null)
{
    public static Headline AtLeast(string benchmark, string measurement, string value, double ratio, double target) =>
        new(benchmark, measurement, value, ratio, $">= {Format(target)}", double.IsFinite(ratio) ? ratio >= target : null);

    public static Headline AtMost(string benchmark, string measurement, string value, double ratio, double target) =>
        new(benchmark, measurement, value, ratio, $"<= {Format(target)}", double.IsFinite(ratio) ? ratio <= target : null);

    public static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
