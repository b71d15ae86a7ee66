namespace Reft.Runtime.Rewards;

/// <summary>Finds <c>\boxed{...}</c> / <c>\fbox{...}</c> contents by brace counting (regexes cannot nest).</summary>
static class BoxedExtractor
{
    static readonly string[] Commands = [@"\boxed", @"\fbox"];

    public static string? Last(string text)
    {
        var searchEnd = text.Length;
        while (searchEnd > 0)
        {
            var (start, command) = LastCommandBefore(text, searchEnd);
            if (start < 0) return null;
            if (ContentAfter(text, start + command.Length) is { } content) return content;
            searchEnd = start;
        }
        return null;
    }

    static (int Start, string Command) LastCommandBefore(string text, int end)
    {
        var best = (-1, "");
        foreach (var command in Commands)
        {
            var index = end == 0 ? -1 : text.LastIndexOf(command, end - 1, StringComparison.Ordinal);
            // "\boxed" must not be the prefix of a longer command name such as "\boxedsymbol".
            while (index >= 0 && index + command.Length < text.Length && char.IsAsciiLetter(text[index + command.Length]))
                index = index == 0 ? -1 : text.LastIndexOf(command, index - 1, StringComparison.Ordinal);
            if (index > best.Item1) best = (index, command);
        }
        return best;
    }

    static string? ContentAfter(string text, int position)
    {
        var i = position;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        if (i >= text.Length) return null;
        if (text[i] != '{')
        {
            if (i == position) return null;
            // "\boxed 5": the argument is the next run of non-space characters, up to a closing '$'.
            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '$') end++;
            return end > i ? text[i..end] : null;
        }
        var depth = 0;
        for (var j = i; j < text.Length; j++)
        {
            if (text[j] == '\\' && j + 1 < text.Length && text[j + 1] is '{' or '}') { j++; continue; }
            if (text[j] == '{') depth++;
            else if (text[j] == '}' && --depth == 0) return text[(i + 1)..j].Trim();
        }
        return null;
    }
}
