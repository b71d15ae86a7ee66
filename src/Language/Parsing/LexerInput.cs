using Sprache;

namespace Reft.Language.Parsing;

/// <summary>
/// A Sprache input without the per-character memo table of <see cref="Input"/>: advancing is a
/// single small allocation, which keeps lexing cheap. Line and column are computed on demand
/// (Sprache only reads them when rendering its own failure messages, which reft replaces).
/// </summary>
internal sealed class LexerInput(string source, int position) : IInput
{
    private static readonly IDictionary<object, object> NoMemos = new Dictionary<object, object>().AsReadOnly();

    public string Source => source;

    public int Position => position;

    public bool AtEnd => position >= source.Length;

    public char Current => source[position];

    public int Line => source.AsSpan(0, position).Count('\n') + 1;

    public int Column => position == 0 ? 1 : position - source.LastIndexOf('\n', position - 1);

    public IDictionary<object, object> Memos => NoMemos;

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("cannot advance past the end of the input");
        }
        return new LexerInput(source, position + 1);
    }

    public bool Equals(IInput? other) => other is not null && other.Source == source && other.Position == position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(source, position);
}
