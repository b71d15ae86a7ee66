namespace Reft.Runtime.Data;

/// <summary>One dataset row: named text fields (e.g. "question", "answer").</summary>
public sealed record Example(IReadOnlyDictionary<string, string> Fields)
{
    /// <exception cref="KeyNotFoundException">the example has no such field; the message lists the fields it has.</exception>
    public string this[string field] =>
        Fields.TryGetValue(field, out var value)
            ? value
            : throw new KeyNotFoundException($"the example has no field '{field}' (fields: {string.Join(", ", Fields.Keys)})");

    public static Example Of(params (string Name, string Value)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal));
}

/// <summary>A fixed, indexable collection of examples that all have the same fields.</summary>
public interface IDataset
{
    int Count { get; }
    Example this[int index] { get; }
    IReadOnlyList<string> FieldNames { get; }
}
