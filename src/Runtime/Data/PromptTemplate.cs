using System.Text;
using System.Text.RegularExpressions;

namespace Reft.Runtime.Data;

/// <summary>
/// A prompt with <c>{field}</c> holes filled from an example, e.g. "{question}=". A hole is an identifier
/// in braces; "{{" and "}}" write literal braces; any other brace is literal text, so LaTeX such as
/// <c>\boxed{}</c> needs no escaping (but <c>\frac{a}{b}</c> would read a hole "a": write <c>\frac{{a}}{{b}}</c>).
/// </summary>
public sealed partial class PromptTemplate
{
    [GeneratedRegex(@"\{\{|\}\}|\{(?<hole>[A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Token();

    readonly IReadOnlyList<(string Text, bool IsHole)> parts;

    public PromptTemplate(string template)
    {
        Template = template;
        var list = new List<(string, bool)>();
        var literal = new StringBuilder();
        var position = 0;
        foreach (Match match in Token().Matches(template))
        {
            literal.Append(template, position, match.Index - position);
            position = match.Index + match.Length;
            if (!match.Groups["hole"].Success)
            {
                literal.Append(match.Value[0]);
                continue;
            }
            if (literal.Length > 0) list.Add((literal.ToString(), false));
            literal.Clear();
            list.Add((match.Groups["hole"].Value, true));
        }
        literal.Append(template, position, template.Length - position);
        if (literal.Length > 0) list.Add((literal.ToString(), false));
        parts = list;
        Holes = list.Where(p => p.Item2).Select(p => p.Item1).Distinct().ToList();
    }

    public string Template { get; }

    /// <summary>The field names the template uses, in first-use order, each once.</summary>
    public IReadOnlyList<string> Holes { get; }

    /// <summary>Holes the given fields do not provide (empty when the template fits them).</summary>
    public IReadOnlyList<string> MissingFields(IEnumerable<string> fieldNames)
    {
        var available = fieldNames.ToHashSet(StringComparer.Ordinal);
        return Holes.Where(h => !available.Contains(h)).ToList();
    }

    /// <exception cref="KeyNotFoundException">the example lacks a field the template uses; the message names both.</exception>
    public string Render(Example example)
    {
        var text = new StringBuilder();
        foreach (var (value, isHole) in parts)
        {
            if (!isHole) { text.Append(value); continue; }
            if (!example.Fields.TryGetValue(value, out var field))
                throw new KeyNotFoundException($"prompt template \"{Template}\" uses {{{value}}}, but the example has only the fields: {string.Join(", ", example.Fields.Keys)}; use one of them or map the field in the dataset");
            text.Append(field);
        }
        return text.ToString();
    }
}
