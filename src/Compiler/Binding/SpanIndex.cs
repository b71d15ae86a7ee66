namespace Reft.Compiler.Binding;

/// <summary>
/// Where each explicitly written knob sits in the file, keyed by owner (a stage name or
/// "pipeline") and knob path, so that checks on the plan can point at the text that set the value;
/// and which knobs failed to bind, so that checks skip the rules that would read their placeholders.
/// </summary>
public sealed class SpanIndex
{
    private readonly Dictionary<(string Owner, string Path), TextSpan> spans = new();
    private readonly HashSet<(string Owner, string Path)> unbound = new();

    public void Record(string owner, string path, TextSpan span) => spans.TryAdd((owner, path), span);

    public TextSpan? Find(string owner, string path) => spans.TryGetValue((owner, path), out var span) ? span : null;

    public TextSpan Of(string owner, string path, TextSpan fallback) => Find(owner, path) ?? fallback;

    /// <summary>A knob (or a pipeline part such as the policy) that failed to bind: its plan value is a placeholder no rule may read.</summary>
    public void MarkUnbound(string owner, string path) => unbound.Add((owner, path));

    public bool IsBound(string owner, string path) => !unbound.Contains((owner, path));
}
