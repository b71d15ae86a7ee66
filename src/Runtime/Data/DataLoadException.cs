namespace Reft.Runtime.Data;

/// <summary>A dataset file could not be used. <see cref="Errors"/> holds every problem as
/// "path:line: error: ..."; the message shows the first few and the count.</summary>
public sealed class DataLoadException : Exception
{
    const int Shown = 5;

    public IReadOnlyList<string> Errors { get; }

    public DataLoadException(IReadOnlyList<string> errors) : base(Describe(errors)) => Errors = errors;

    public DataLoadException(string error) : this([error]) { }

    static string Describe(IReadOnlyList<string> errors)
    {
        if (errors.Count <= Shown) return string.Join("\n", errors);
        return string.Join("\n", errors.Take(Shown)) + $"\n... and {errors.Count - Shown} more ({errors.Count} bad rows in total); fix or remove them";
    }
}
