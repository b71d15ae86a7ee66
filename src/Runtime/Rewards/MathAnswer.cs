using System.Text.RegularExpressions;

namespace Reft.Runtime.Rewards;

/// <summary>An answer string after LaTeX normalisation, with its numeric value when it is a number.</summary>
sealed record MathAnswer(string Normalized, double? Value, bool IsPercent)
{
    static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    const RegexOptions Options = RegexOptions.CultureInvariant;

    static readonly Regex SpacingCommands = new(@"\\[,!;: ]|\\(?:left|right|displaystyle)(?![a-zA-Z])|~", Options, Timeout);
    static readonly Regex Degrees = new(@"\^\s*\{?\s*\\circ\s*\}?|°", Options, Timeout);
    static readonly Regex WholeText = new(@"^\\(?:text|textbf|mathrm|mbox)\{([^{}]*)\}$", Options, Timeout);
    static readonly Regex TextUnit = new(@"\\(?:text|textbf|mathrm|mbox)\{[^{}]*\}(?:\^\{?\d\}?)?", Options, Timeout);
    static readonly Regex FracVariant = new(@"\\[dt]frac(?![a-zA-Z])", Options, Timeout);
    static readonly Regex BracedFraction = new(@"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", Options, Timeout);
    static readonly Regex ShortFraction = new(@"\\frac\s*(\d)\s*(\d)", Options, Timeout);
    static readonly Regex TrailingWords = new(@"^([-+\u2212]?[\d.,/]+%?)\s+[a-zA-Z]+(?:\s+[a-zA-Z]+)*\.?$", Options, Timeout);
    static readonly Regex Whitespace = new(@"\s+", Options, Timeout);
    static readonly Regex ThousandsComma = new(@"(?<=\d),(?=\d{3}(?!\d))", Options, Timeout);
    static readonly Regex LeadingAssignment = new(@"^[a-zA-Z]\w*=(?=.)", Options, Timeout);
    static readonly Regex ParenthesisedFraction = new(@"^(?<sign>[-\u2212])?\((?<num>[^()]+)\)/\((?<den>[^()]+)\)$", Options, Timeout);

    /// <summary>Null for null, empty or unreadable input.</summary>
    public static MathAnswer? Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        try { return ParseNormalized(Normalize(raw)); }
        catch (RegexMatchTimeoutException) { return null; }
    }

    static string Normalize(string text)
    {
        text = text.Trim().Replace(@"\$", "").Replace("$", "").Replace(@"\%", "%");
        text = SpacingCommands.Replace(text, " ");
        text = Degrees.Replace(text, "");
        text = WholeText.Replace(text.Trim(), "$1");
        text = TextUnit.Replace(text, "");
        text = FracVariant.Replace(text, @"\frac");
        for (var previous = ""; previous != text;)
        {
            previous = text;
            text = BracedFraction.Replace(text, "($1)/($2)");
            text = ShortFraction.Replace(text, "($1)/($2)");
        }
        text = TrailingWords.Replace(text.Trim(), "$1");
        text = Whitespace.Replace(text, "");
        text = ThousandsComma.Replace(text, "");
        text = LeadingAssignment.Replace(text, "");
        return text.TrimEnd('.');
    }

    static MathAnswer? ParseNormalized(string text)
    {
        if (text.Length == 0) return null;
        var isPercent = text.EndsWith('%');
        var number = isPercent ? text[..^1] : text;
        var value = NumberSyntax.Parse(number) ?? FractionValue(number);
        return value is null ? new MathAnswer(text, null, false) : new MathAnswer(text, value, isPercent);
    }

    static double? FractionValue(string text)
    {
        var match = ParenthesisedFraction.Match(text);
        if (!match.Success) return null;
        var numerator = NumberSyntax.Parse(match.Groups["num"].Value) ?? FractionValue(match.Groups["num"].Value);
        var denominator = NumberSyntax.Parse(match.Groups["den"].Value);
        if (numerator is not double p || denominator is not double q || q == 0) return null;
        var value = p / q;
        return match.Groups["sign"].Success ? -value : value;
    }
}
