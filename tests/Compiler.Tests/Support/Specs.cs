using Reft.Language;
using Reft.Language.Diagnostics;

namespace Reft.Compiler.Tests.Support;

/// <summary>Compiles spec text for tests; `$$` in the text marks where a diagnostic must point.</summary>
public static class Specs
{
    public const string Marker = "$$";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ExamplesDirectory => Path.Combine(RepoRoot, "examples");

    /// <summary>LANGUAGE.md's embedded default, verbatim. The runnable examples/arith.reft is tuned
    /// for the default run and may change; the rule tests edit this fixed text instead.</summary>
    public static string Arith => File.ReadAllText(Path.Combine(RepoRoot, "tests", "Compiler.Tests", "Support", "language-sketch.reft"));

    public static CompileResult Compile(string text, string? directory = null)
    {
        var folder = directory ?? ExamplesDirectory;
        return ReftCompiler.Compile(SourceText.From(text, Path.Combine(folder, "test.reft")), folder);
    }

    /// <summary>Removes the marker and returns the text with the 1-based line and column it marked.</summary>
    public static (string Text, int Line, int Column) Marked(string text)
    {
        var index = text.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(index >= 0, "test spec has no $$ marker");
        var clean = text.Remove(index, Marker.Length);
        var location = SourceText.From(clean).GetLocation(index);
        return (clean, location.Line, location.Column);
    }

    /// <summary>Replaces exactly one occurrence, so a test cannot silently edit nothing.</summary>
    public static string With(this string text, string find, string replace)
    {
        var index = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{find}' does not occur in the spec");
        Assert.True(text.IndexOf(find, index + 1, StringComparison.Ordinal) < 0, $"'{find}' occurs more than once");
        return text[..index] + replace + text[(index + find.Length)..];
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));

    private static string FindRepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "reft.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? "/work/main";
    }
}
