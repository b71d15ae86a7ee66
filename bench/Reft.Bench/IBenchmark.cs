namespace Reft.Bench;

/// <summary>
/// One named benchmark. Add a class implementing this in its own file; Program finds it by
/// reflection, so no registration list needs editing.
/// </summary>
public interface IBenchmark
{
    /// <summary>The name selected on the command line, e.g. <c>torch</c>.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Prints the detailed table; returns the rows for the combined summary.</summary>
    IReadOnlyList<Headline> Run(BenchOptions options);
}
