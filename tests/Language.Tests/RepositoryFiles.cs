using System.Runtime.CompilerServices;

namespace Reft.Language.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static IEnumerable<string> Examples() =>
        Directory.GetFiles(PathOf("examples"), "*.reft").OrderBy(path => path, StringComparer.Ordinal);

    // Builds may put the output outside the repository (--artifacts-path), so fall back to this
    // source file's own location.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile)! })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "reft.slnx")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException("reft.slnx not found above " + AppContext.BaseDirectory + " or " + sourceFile);
    }
}
