using Reft.Compiler.Emit;
using Reft.Language;

namespace Reft.Compiler.Tests.Emit;

/// <summary>Every example goes through the whole compiler: plan, C#, Roslyn with zero warnings, sandbox check.</summary>
public sealed class ExampleBuildTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Baseline.RepositoryRoot(), "examples"), "*.reft").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    /// <summary>The spec as the tests compile it: a path relative to the repository, so output is the same everywhere.</summary>
    public static SourceText Load(string relativePath)
    {
        return new SourceText(relativePath, File.ReadAllText(Path.Combine(Baseline.RepositoryRoot(), relativePath)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void ExampleCompilesWithoutWarnings(string example)
    {
        var spec = Load("examples/" + example);
        var cache = Path.Combine(Path.GetTempPath(), "reft-example-build-" + Guid.NewGuid().ToString("N"));
        try
        {
            var build = InRepository(() => PipelineBuilder.Build(spec, new GeneratedCodeCompiler(GeneratedCodeCompilerTests.RuntimeAssemblyPath, new AssemblyCache(cache))));

            Assert.True(build.Pipeline is not null, string.Join("\n", build.Diagnostics));
            Assert.Empty(build.Diagnostics.Where(d => d.IsError));
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    /// <summary>Relative spec paths resolve against the current folder, as they do for `reftc` run from the repository root.</summary>
    public static T InRepository<T>(Func<T> action)
    {
        lock (CurrentDirectoryLock)
        {
            var previous = Directory.GetCurrentDirectory();
            Directory.SetCurrentDirectory(Baseline.RepositoryRoot());
            try
            {
                return action();
            }
            finally
            {
                Directory.SetCurrentDirectory(previous);
            }
        }
    }

    private static readonly object CurrentDirectoryLock = new();
}
