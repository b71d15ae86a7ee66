using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Reft.Compiler.Tests.Support;

namespace Reft.Compiler.Tests.Baselines;

/// <summary>
/// Expected output kept as text files under Baselines/Expected. REFT_UPDATE_BASELINES=1 rewrites
/// them; otherwise a mismatch fails with a line diff.
/// </summary>
public static class Baseline
{
    public static string ExpectedDirectory => Path.Combine(Specs.RepoRoot, "tests", "Compiler.Tests", "Baselines", "Expected");

    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(ExpectedDirectory, name);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("REFT_UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(ExpectedDirectory);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"baseline {path} is missing; run the tests with REFT_UPDATE_BASELINES=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
            Assert.Fail($"{name} differs from its baseline (REFT_UPDATE_BASELINES=1 accepts the new output):\n{Diff(expected, actual)}");
    }

    public static string Diff(string expected, string actual)
    {
        var model = new InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(expected, actual);
        var output = new StringBuilder();
        foreach (var line in model.Lines)
        {
            var prefix = line.Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => null,
            };
            if (prefix is not null)
                output.Append(prefix).Append(line.Text).Append('\n');
        }
        return output.ToString();
    }
}
