using System.Runtime.CompilerServices;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Reft.Runtime.Tests.Training;

/// <summary>Compares text against tests/Runtime.Tests/Training/Baselines/NAME; with
/// REFT_UPDATE_BASELINES=1 it rewrites the file instead. A mismatch shows a line diff.</summary>
public static class Baseline
{
    public static void Match(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "Baselines", name);
        if (Environment.GetEnvironmentVariable("REFT_UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{path}: no baseline yet; run the tests once with REFT_UPDATE_BASELINES=1 and review the file");
        var expected = File.ReadAllText(path);
        if (expected == actual) return;
        var diff = new InlineDiffBuilder(new Differ()).BuildDiffModel(expected, actual);
        var changed = diff.Lines.Where(line => line.Type != ChangeType.Unchanged).Take(40)
            .Select(line => (line.Type == ChangeType.Inserted ? "+ " : line.Type == ChangeType.Deleted ? "- " : "  ") + line.Text);
        Assert.Fail($"{path} differs from the output (- baseline, + actual); set REFT_UPDATE_BASELINES=1 to accept:\n" + string.Join("\n", changed));
    }
}
