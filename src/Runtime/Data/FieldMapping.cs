namespace Reft.Runtime.Data;

/// <summary>
/// Where one of our fields comes from in a source row: <c>answer: answer.after("####")</c> is
/// <c>new FieldMapping("answer", "answer", Transforms.After("####"))</c>. A transform returning null
/// marks the row bad (e.g. the marker is missing).
/// </summary>
public sealed record FieldMapping(string Target, string Source, Func<string, string?>? Transform = null, string? TransformName = null)
{
    public static FieldMapping After(string target, string source, string marker) =>
        new(target, source, Transforms.After(marker), $"after({System.Text.Json.JsonSerializer.Serialize(marker)})");

    public string? Apply(string value) => Transform is null ? value : Transform(value);
}

/// <summary>The field transforms a mapping can name.</summary>
public static class Transforms
{
    /// <summary>Text after the last marker, trimmed; null when the marker is absent.</summary>
    public static Func<string, string?> After(string marker) => value => Rewards.Verifiers.After(value, marker);
}
