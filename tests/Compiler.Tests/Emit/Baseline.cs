using System.Runtime.CompilerServices;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Reft.Compiler.Tests.Emit;

/// <summary>
/// Expected output kept in files beside the tests. With REFT_UPDATE_BASELINES=1 a mismatch
/// rewrites the file instead of failing, so every baseline is regenerated in one run; otherwise a
/// mismatch fails with a line diff.
/// </summary>
public static class Baseline
{
    public const string UpdateVariable = "REFT_UPDATE_BASELINES";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The repository root, found from this source file's compile-time path.</summary>
    public static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));

    public static void Verify(string path, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (expected == actual) return;
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        if (expected is null)
        {
            Assert.Fail($"baseline {path} does not exist; run the tests with {UpdateVariable}=1 to create it");
        }
        Assert.Fail($"{path} differs from the output (run with {UpdateVariable}=1 to accept it):\n{Diff(expected, actual)}");
    }

    private static string Diff(string expected, string actual)
    {
        var model = new InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(expected, actual);
        var lines = model.Lines
            .Select((line, index) => (line, index))
            .Where(entry => entry.line.Type != ChangeType.Unchanged)
            .Take(40)
            .Select(entry => (entry.line.Type == ChangeType.Inserted ? "+ " : entry.line.Type == ChangeType.Deleted ? "- " : "  ") + entry.line.Text);
        return string.Join("\n", lines);
    }
}
