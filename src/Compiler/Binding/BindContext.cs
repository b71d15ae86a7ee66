namespace Reft.Compiler.Binding;

/// <summary>What every part of the binder shares: the file, its folder, the diagnostics, knob spans.</summary>
public sealed class BindContext
{
    private readonly List<Diagnostic> diagnostics = new();

    public BindContext(SourceText source, string baseDirectory)
    {
        Source = source;
        BaseDirectory = baseDirectory;
    }

    public SourceText Source { get; }

    /// <summary>The .reft file's folder: relative paths resolve against it.</summary>
    public string BaseDirectory { get; }

    public SpanIndex Spans { get; } = new();

    public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

    public bool HasErrors => diagnostics.Any(diagnostic => diagnostic.IsError);

    public void Report(Diagnostic diagnostic) => diagnostics.Add(diagnostic);

    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));
}
