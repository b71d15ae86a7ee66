namespace Reft.Compiler.Emit;

/// <summary>A plan node the emitter has no C# form for; reported as RFT9003 at <see cref="Span"/>.</summary>
public sealed class NotGeneratedException(TextSpan span, string what) : Exception($"cannot generate code for {what}")
{
    public TextSpan Span { get; } = span;

    public string What { get; } = what;
}
