using System.Globalization;
using System.Text.RegularExpressions;

namespace Reft.Runtime.Rewards;

/// <summary>How numbers are written in answers: signs, thousands commas, decimals, exponents, "p/q" fractions.</summary>
static class NumberSyntax
{
    const string Signed = @"(?<sign>(?<![\d.)])[-+\u2212])?";
    const string Magnitude = @"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+";
    const string Denominator = @"(?:\s*/\s*(?<den>\d+(?:\.\d+)?)(?![\d.]))?";

    public static readonly Regex NumberInText = new(
        $@"{Signed}(?<num>{Magnitude}){Denominator}",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(200));

    public static readonly Regex WholeNumber = new(
        $@"^(?<sign>[-+\u2212])?(?<num>{Magnitude}){Denominator}$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(200));

    /// <summary>The value of a match of either regex; null when it is not finite (overflow, zero denominator).</summary>
    public static double? Value(Match match)
    {
        if (!double.TryParse(match.Groups["num"].Value.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
        if (match.Groups["den"].Success)
        {
            if (!double.TryParse(match.Groups["den"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator) || denominator == 0) return null;
            value /= denominator;
        }
        if (match.Groups["sign"].Value is "-" or "\u2212") value = -value;
        return double.IsFinite(value) ? value : null;
    }

    /// <summary>The value when the whole string is one number, else null.</summary>
    public static double? Parse(string text)
    {
        try
        {
            var match = WholeNumber.Match(text);
            return match.Success ? Value(match) : null;
        }
        catch (RegexMatchTimeoutException) { return null; }
    }
}
