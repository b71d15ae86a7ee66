using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Reft.Runtime.Text;

namespace Reft.Runtime.Rewards;

/// <summary>
/// The verifier functions reward expressions call. None of them throws on odd text: text that cannot be
/// parsed gives null or false, so an unparseable completion scores as not correct.
/// </summary>
public static class Verifiers
{
    /// <summary>Relative tolerance of numeric equality: |a - b| &lt;= 1e-6 · max(|a|, |b|). Two whole numbers below
    /// 2^53 must be exactly equal instead, so 1000000 and 1000001 differ.</summary>
    public const double RelativeTolerance = 1e-6;

    static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    static readonly ConcurrentDictionary<string, Regex> PatternCache = new(StringComparer.Ordinal);

    /// <summary>
    /// The last number in the text: an integer or decimal with an optional sign (a '-' right after a digit
    /// is subtraction, not a sign), "1,234" thousands separators, an exponent ("1e5") and simple fractions
    /// "3/4" (0.75). Null when there is no finite number.
    /// </summary>
    public static double? Number(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            Match? last = null;
            foreach (Match match in NumberSyntax.NumberInText.Matches(text)) last = match;
            return last is null ? null : NumberSyntax.Value(last);
        }
        catch (RegexMatchTimeoutException) { return null; }
    }

    /// <summary>The content of the last complete <c>\boxed{...}</c> or <c>\fbox{...}</c> (nested braces kept,
    /// trimmed); <c>\boxed 5</c> gives "5". Null when there is none.</summary>
    public static string? Boxed(string? text) => string.IsNullOrEmpty(text) ? null : BoxedExtractor.Last(text);

    /// <summary>
    /// Whether two answers are the same mathematical value. Both are normalised (LaTeX spacing, <c>$</c>,
    /// <c>\left</c>/<c>\right</c>, <c>\text{unit}</c> after a value, degrees, thousands commas, a leading "x =");
    /// if both then read as numbers (decimals, "p/q", <c>\frac{p}{q}</c>/<c>\dfrac</c>/<c>\tfrac</c>,
    /// percentages) they are compared with <see cref="RelativeTolerance"/>, otherwise as normalised strings.
    /// A percentage on one side only equals both its value and its fraction: "50%" equals "50" and "0.5".
    /// Null or empty never equals anything.
    /// </summary>
    public static bool MathEqual(string? a, string? b)
    {
        var left = MathAnswer.Parse(a);
        var right = MathAnswer.Parse(b);
        if (left is null || right is null) return false;
        if (left.Value is double x && right.Value is double y)
        {
            if (left.IsPercent == right.IsPercent) return Equal(x, y);
            var (percent, plain) = left.IsPercent ? (x, y) : (y, x);
            return Equal(percent, plain) || Equal(percent / 100, plain);
        }
        return left.Normalized == right.Normalized;
    }

    public static bool MathEqual(string? a, double? b) => b is double value && MathEqual(a, value.ToString("R", CultureInfo.InvariantCulture));
    public static bool MathEqual(double? a, string? b) => MathEqual(b, a);
    public static bool MathEqual(double? a, double? b) => Equal(a, b);

    /// <summary>Numeric equality with <see cref="RelativeTolerance"/> (exact for whole numbers below 2^53);
    /// null (a failed parse) never equals anything.</summary>
    public static bool Equal(double? a, double? b)
    {
        if (a is not double x || b is not double y || !double.IsFinite(x) || !double.IsFinite(y)) return false;
        if (x == y) return true;
        if (IsExactWhole(x) && IsExactWhole(y)) return false;
        return Math.Abs(x - y) <= RelativeTolerance * Math.Max(Math.Abs(x), Math.Abs(y));
    }

    static bool IsExactWhole(double value) => Math.Abs(value) < 9007199254740992.0 && value == Math.Floor(value);

    /// <summary>Whether the regex matches somewhere in the text; a match that runs past 100 ms counts as no match.</summary>
    /// <exception cref="ArgumentException">the pattern is not a valid regex (the compiler checks this with <see cref="PatternError"/>).</exception>
    public static bool Matches(string? text, string pattern)
    {
        if (text is null) return false;
        var regex = PatternCache.GetOrAdd(pattern, static p => new Regex(p, RegexOptions.CultureInvariant, MatchTimeout));
        try { return regex.IsMatch(text); }
        catch (RegexMatchTimeoutException) { return false; }
    }

    /// <summary>Why the pattern is not a valid regex, or null when it is.</summary>
    public static string? PatternError(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            return null;
        }
        catch (ArgumentException e) { return e.Message; }
    }

    /// <summary>The number of tokens of the text (0 for null).</summary>
    public static int Length(string? text, ITokenizer tokenizer) => string.IsNullOrEmpty(text) ? 0 : tokenizer.Encode(text).Length;

    /// <summary>Ordinal substring test; false for null text.</summary>
    public static bool Contains(string? text, string value) => text is not null && text.Contains(value, StringComparison.Ordinal);

    /// <summary>The text after the last occurrence of the marker, trimmed; null when the marker is absent.</summary>
    public static string? After(string? text, string marker)
    {
        if (text is null || marker.Length == 0) return null;
        var index = text.LastIndexOf(marker, StringComparison.Ordinal);
        return index < 0 ? null : text[(index + marker.Length)..].Trim();
    }
}
