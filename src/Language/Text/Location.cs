namespace Reft.Language;

/// <summary>A human-facing position: file path with 1-based line and column.</summary>
public readonly record struct Location(string Path, int Line, int Column)
{
    public override string ToString() => $"{Path}:{Line}:{Column}";
}
