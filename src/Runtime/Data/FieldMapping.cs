namespace Reft.Runtime.Data;

/// <summary>
/// Where one of our fields comes from in a source row: a key copied as it is, or an expression over the
/// keys it reads (<c>answer: answer.after("####")</c>, <c>answer: after(working, marker)</c>), which gets
/// their texts in the order of <see cref="Sources"/>. A transform returning null marks the row bad (e.g.
/// the marker is missing).
/// </summary>
public sealed class FieldMapping
{
    private readonly Func<IReadOnlyList<string>, string?>? transform;

    /// <summary>Copies one key of the row as it is (<c>question: question</c>).</summary>
    public FieldMapping(string target, string source)
    {
        Target = target;
        Sources = [source];
        Description = source;
    }

    /// <param name="expression">the mapping as the spec wrote it, named in the error of a row it finds nothing in.</param>
    public FieldMapping(string target, IReadOnlyList<string> sources, Func<IReadOnlyList<string>, string?> transform, string expression)
    {
        Target = target;
        Sources = sources;
        this.transform = transform;
        Description = expression;
    }

    public string Target { get; }

    /// <summary>The keys of the row the mapping reads, each a string (or a number written as its JSON text).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>How a bad row's error names the mapping: <c>answer.after("####")</c>.</summary>
    public string Description { get; }

    /// <param name="values">the texts of <see cref="Sources"/>, in order.</param>
    public string? Apply(IReadOnlyList<string> values) => transform is null ? values[0] : transform(values);
}
