namespace Reft.Compiler.Binding.Knobs;

/// <summary>
/// One setting of the language. <see cref="Scope"/> names the block or call it belongs to
/// (<c>rl</c>, <c>sampling</c>, <c>adamw</c>, ...); <see cref="Value"/> is the typed default the binder
/// applies (null when the default is computed or the knob is required), <see cref="Default"/> its text.
/// </summary>
public sealed record Knob(
    string Scope,
    string Key,
    string Type,
    Unit Unit,
    object? Value,
    string Default,
    string Help,
    string Rules = "",
    bool Positional = false)
{
    public string Path => Scope + "." + Key;

    public T DefaultAs<T>() => Value is T typed
        ? typed
        : throw new InvalidOperationException($"knob {Path} has no default of type {typeof(T).Name}");
}
