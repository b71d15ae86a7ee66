using System.Text;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Reft.Tests.Shared;

/// <summary>
/// Expected output kept as a text file next to the tests. REFT_UPDATE_BASELINES=1 rewrites the
/// file; otherwise a mismatch fails with a line diff (- baseline, + actual).
/// </summary>
public static class BaselineFile
{
    public static void Match(string path, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("REFT_UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{path}: no baseline yet; run the tests once with REFT_UPDATE_BASELINES=1 and review the file");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
            Assert.Fail($"{path} differs from the output (- baseline, + actual); set REFT_UPDATE_BASELINES=1 to accept:\n{Diff(expected, actual)}");
    }

    /// <summary>The changed lines only, prefixed "- " (expected) and "+ " (actual).</summary>
    public static string Diff(string expected, string actual)
    {
        var model = new InlineDiffBuilder(new Differ()).BuildDiffModel(expected, actual);
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
