using System.Text.Json;

namespace Reft.Runtime.Data;

/// <summary>
/// Examples read from a JSON Lines file, one object per line. Each mapping computes one of our fields from
/// top-level fields of the row (each a string, or a number written as its JSON text).
/// Blank lines are skipped. Any bad row (invalid JSON, not an object, a missing or non-text field, a
/// transform that finds nothing) fails the whole load: rows are never dropped silently.
/// </summary>
public sealed class JsonlDataset : IDataset
{
    readonly List<Example> examples;

    JsonlDataset(string path, List<Example> examples, IReadOnlyList<string> fieldNames)
    {
        Path = path;
        this.examples = examples;
        FieldNames = fieldNames;
    }

    public string Path { get; }
    public int Count => examples.Count;
    public Example this[int index] => examples[index];
    public IReadOnlyList<string> FieldNames { get; }

    /// <param name="mapping">our field ← source fields; when empty, every field of the first row is taken as it is.</param>
    /// <exception cref="DataLoadException">the file is missing or empty, or has bad rows (all of them are listed).</exception>
    public static JsonlDataset Load(string path, IReadOnlyList<FieldMapping> mapping)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataLoadException($"{path}: error: cannot read the dataset ({e.Message}); check the path in the spec");
        }

        var duplicate = mapping.GroupBy(m => m.Target).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DataLoadException($"{path}: error: field '{duplicate.Key}' is mapped twice; map each field once");

        var examples = new List<Example>();
        var errors = new List<string>();
        IReadOnlyList<FieldMapping>? effective = mapping.Count > 0 ? mapping : null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var location = $"{path}:{i + 1}";
            var row = ParseRow(lines[i], location, errors);
            if (row is null) continue;
            effective ??= row.Value.EnumerateObject().Select(p => new FieldMapping(p.Name, p.Name)).ToList();
            if (MapRow(row.Value, effective, location, errors) is { } example) examples.Add(example);
        }

        if (errors.Count > 0) throw new DataLoadException(errors);
        if (examples.Count == 0) throw new DataLoadException($"{path}: error: the dataset has no rows; write one JSON object per line");
        return new JsonlDataset(path, examples, effective!.Select(m => m.Target).ToList());
    }

    static JsonElement? ParseRow(string line, string location, List<string> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document.RootElement.Clone();
            errors.Add($"{location}: error: the row is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, expected an object {{\"field\": \"text\", ...}}");
        }
        catch (JsonException e)
        {
            errors.Add($"{location}: error: invalid JSON at column {e.BytePositionInLine + 1}; write one JSON object per line");
        }
        return null;
    }

    static Example? MapRow(JsonElement row, IReadOnlyList<FieldMapping> mapping, string location, List<string> errors)
    {
        var fields = new Dictionary<string, string>(mapping.Count, StringComparer.Ordinal);
        var bad = false;
        foreach (var map in mapping)
        {
            var values = new List<string>(map.Sources.Count);
            foreach (var source in map.Sources)
            {
                if (SourceText(row, source, location, errors) is { } text) values.Add(text);
            }
            if (values.Count < map.Sources.Count)
            {
                bad = true;
                continue;
            }
            var mapped = map.Apply(values);
            if (mapped is null)
            {
                errors.Add($"{location}: error: {map.Description} found nothing in {string.Join(", ", values.Select(Quote))}");
                bad = true;
                continue;
            }
            fields[map.Target] = mapped;
        }
        return bad ? null : new Example(fields);
    }

    /// <summary>The text of one key of the row, or null after reporting why it has none.</summary>
    static string? SourceText(JsonElement row, string source, string location, List<string> errors)
    {
        if (!row.TryGetProperty(source, out var value))
        {
            errors.Add($"{location}: error: missing field '{source}' (row has: {string.Join(", ", row.EnumerateObject().Select(p => p.Name))})");
            return null;
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (text is null)
            errors.Add($"{location}: error: field '{source}' is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, expected a string");
        return text;
    }

    static string Quote(string text) => JsonSerializer.Serialize(text.Length <= 60 ? text : text[..57] + "...");
}
