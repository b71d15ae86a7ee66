namespace Reft.Compiler.Binding;

/// <summary>"did you mean ...?" for near misses, by edit distance.</summary>
public static class NameSuggestions
{
    public static string? Closest(string name, IEnumerable<string> candidates) => EditDistance.Suggest(name, candidates.Distinct());

    /// <summary>"; did you mean 'x'?" or, with no near miss, the list of what is allowed.</summary>
    public static string Hint(string name, IEnumerable<string> candidates)
    {
        var list = candidates.Distinct().ToList();
        var closest = Closest(name, list);
        if (closest is not null)
            return $"; did you mean '{closest}'?";
        return list.Count == 0 ? "" : "; expected one of " + string.Join(", ", list);
    }
}
