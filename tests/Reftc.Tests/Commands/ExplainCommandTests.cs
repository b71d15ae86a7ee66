using Reft.Cli.Tests.Cli;

namespace Reft.Cli.Tests.Commands;

public class ExplainCommandTests
{
    [Theory]
    [InlineData(new string[0], "arith.explain.txt")]
    [InlineData(new[] { "--format", "text" }, "arith.explain.txt")]
    [InlineData(new[] { "--format", "mermaid" }, "arith.mermaid.txt")]
    [InlineData(new[] { "--format", "dot" }, "arith.dot.txt")]
    public void PrintsThePlanTheCompilerBaselinesHold(string[] options, string baseline)
    {
        // The renderer's output is pinned by the compiler's baselines; the command must print exactly that.
        var expected = File.ReadAllText(CliRunner.RepositoryPath("tests/Compiler.Tests/Baselines/Expected/" + baseline)).Replace("\r\n", "\n");

        var (exitCode, output, error) = CliRunner.Run(["explain", CliRunner.RepositoryPath("examples/arith.reft"), .. options]);

        Assert.Equal((0, ""), (exitCode, error));
        Assert.Equal(expected, output);
    }

    [Fact]
    public void TheGraphFormatsDrawEveryStage()
    {
        var path = CliRunner.RepositoryPath("examples/arith.reft");

        var (_, mermaid, _) = CliRunner.Run("explain", path, "--format", "mermaid");
        var (_, dot, _) = CliRunner.Run("explain", path, "--format", "dot");

        Assert.StartsWith("flowchart TD\n", mermaid);
        Assert.Contains("subgraph warmup[\"stage warmup: sft, 600 steps\"]", mermaid);
        Assert.StartsWith("digraph \"arith\" {\n", dot);
        Assert.Contains("subgraph cluster_warmup {", dot);
        Assert.EndsWith("}\n", dot);
    }

    [Fact]
    public void ABrokenSpecPrintsItsDiagnosticsAndNoPlan()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var path = folder.Write("broken.reft", "pipeline p {\n  batch: 32 prompt\n  seed 7\n}\n");

        var (exitCode, output, error) = CliRunner.Run("explain", path);

        Assert.Equal((1, ""), (exitCode, output));
        Assert.Contains($"{path}:1:10: error RFT2012: the pipeline declares no model to train;", error);
        Assert.Contains($"{path}:2:13: error RFT1005: expected a unit after 32", error);
        Assert.Contains($"{path}:3:8: error RFT1007: expected ':' after 'seed'", error);
    }

    [Fact]
    public void WarningsGoToStandardErrorAndTheWholePlanIsStillPrinted()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var arith = File.ReadAllText(CliRunner.RepositoryPath("examples/arith.reft"));
        Assert.Contains("on: test", arith);
        var path = folder.Write("arith.reft", arith.Replace("on: test", "on: train"));

        var (exitCode, output, error) = CliRunner.Run("explain", path);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("pipeline arith [3:1]: seed 7", output);
        Assert.Contains(" warning RFT4034: ", error);
        Assert.DoesNotContain("RFT4034", output);
    }

    [Fact]
    public void AMissingFileIsAUsageError()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var path = Path.Combine(folder.Path, "missing.reft");

        var (exitCode, output, error) = CliRunner.Run("explain", path);

        Assert.Equal((2, ""), (exitCode, output));
        Assert.StartsWith($"{path}: error: file not found;", error);
    }

    [Fact]
    public void AnUnknownFormatIsAUsageError()
    {
        var (exitCode, output, error) = CliRunner.Run("explain", CliRunner.RepositoryPath("examples/arith.reft"), "--format", "svg");

        Assert.Equal((2, ""), (exitCode, output));
        Assert.StartsWith("reftc: ", error);
        Assert.Contains("svg", error);
    }
}
