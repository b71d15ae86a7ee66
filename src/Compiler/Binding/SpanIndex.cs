namespace Reft.Compiler.Binding;

/// <summary>
/// Where each explicitly written knob sits in the file, keyed by owner (a stage name or
/// "pipeline") and knob path, so that checks on the plan can point at the text that set the value.
/// </summary>
public sealed class SpanIndex
{
    private readonly Dictionary<(string Owner, string Path), TextSpan> spans = new();

    public void Record(string owner, string path, TextSpan span) => spans.TryAdd((owner, path), span);

    public TextSpan? Find(string owner, string path) => spans.TryGetValue((owner, path), out var span) ? span : null;

    public TextSpan Of(string owner, string path, TextSpan fallback) => Find(owner, path) ?? fallback;
}
