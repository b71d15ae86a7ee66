namespace Reft.Runtime.Data;

/// <summary>
/// Where one of our fields comes from in a source row. <c>answer: answer.after("####")</c> reads one key:
/// <c>new FieldMapping("answer", "answer", Transforms.After("####"))</c>. A mapping over several keys
/// (or none) gets their texts in the order of <see cref="Sources"/>. A transform returning null marks the
/// row bad (e.g. the marker is missing).
/// </summary>
public sealed class FieldMapping
{
    private readonly Func<IReadOnlyList<string>, string?>? transform;

    public FieldMapping(string target, string source, Func<string, string?>? transform = null, string? transformName = null)
    {
        Target = target;
        Sources = [source];
        this.transform = transform is null ? null : values => transform(values[0]);
        Description = transformName is null ? source : $"{source}.{transformName}";
    }

    /// <param name="expression">the mapping as the spec wrote it, named in the error of a row it finds nothing in.</param>
    public FieldMapping(string target, IReadOnlyList<string> sources, Func<IReadOnlyList<string>, string?> transform, string expression)
    {
        Target = target;
        Sources = sources;
        this.transform = transform;
        Description = expression;
    }

    public static FieldMapping After(string target, string source, string marker) =>
        new(target, source, Transforms.After(marker), $"after({System.Text.Json.JsonSerializer.Serialize(marker)})");

    public string Target { get; }

    /// <summary>The keys of the row the mapping reads, each a string (or a number written as its JSON text).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>How a bad row's error names the mapping: <c>answer.after("####")</c>.</summary>
    public string Description { get; }

    /// <param name="values">the texts of <see cref="Sources"/>, in order.</param>
    public string? Apply(IReadOnlyList<string> values) => transform is null ? values[0] : transform(values);
}

/// <summary>The field transforms a mapping can name.</summary>
public static class Transforms
{
    /// <summary>Text after the last marker, trimmed; null when the marker is absent.</summary>
    public static Func<string, string?> After(string marker) => value => Rewards.Verifiers.After(value, marker);
}
