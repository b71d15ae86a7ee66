using Reft.Compiler.Binding.Knobs;

namespace Reft.Compiler.Binding;

/// <summary>
/// Stands in for the knobs of one owner (a stage, or "pipeline") that failed to bind, so that the
/// rule checks still run on everything that did bind and a file's independent errors all show in
/// one run. Each placeholder's knob is marked unbound, and no rule reads an unbound knob, so one
/// error never causes another. A plan holding placeholders has errors and never leaves the compiler.
/// </summary>
public sealed class Placeholders(SpanIndex spans, string owner)
{
    /// <summary>Paths of pipeline parts that are not knobs: the policy model, and any stage at all.</summary>
    public const string Policy = "model", Stages = "stages";

    public T Or<T>(T? value, Knob knob, T placeholder) where T : class => Or(value, knob.Path, placeholder);

    public T Or<T>(T? value, string path, T placeholder) where T : class
    {
        if (value is not null)
            return value;
        spans.MarkUnbound(owner, path);
        return placeholder;
    }

    public T Or<T>(T? value, Knob knob, T placeholder) where T : struct
    {
        if (value is { } bound)
            return bound;
        spans.MarkUnbound(owner, knob.Path);
        return placeholder;
    }

    /// <summary>For parts whose bound value may itself be null (an optional phase such as eval).</summary>
    public void MarkUnless(bool ok, Knob knob) => MarkUnless(ok, knob.Path);

    public void MarkUnless(bool ok, string path)
    {
        if (!ok)
            spans.MarkUnbound(owner, path);
    }
}
