using System.Text.Json;

namespace Reft.Cli.Tests.Cli;

public class CheckCommandTests
{
    private const string Broken = "pipeline p {\n  batch: 32 prompt\n  seed 7\n}\n";

    [Theory]
    [InlineData("examples/arith.reft")]
    [InlineData("examples/dash-grpo.reft")]
    [InlineData("examples/agro-offpolicy.reft")]
    public void SelfContainedExamplesAreClean(string example)
    {
        var path = CliRunner.RepositoryPath(example);

        var (exitCode, output, _) = CliRunner.Run("check", path);

        Assert.Equal((0, $"{path}: ok\n"), (exitCode, output));
    }

    [Fact]
    public void ExampleNeedingADownloadHasNoSyntaxErrors()
    {
        // gsm8k-nested names a checkpoint and data that a fresh clone does not have; only the
        // missing files may be reported.
        var (_, output, _) = CliRunner.Run("check", "--format", "json", CliRunner.RepositoryPath("examples/gsm8k-nested.reft"));

        using var json = JsonDocument.Parse(output);
        Assert.All(json.RootElement.GetProperty("diagnostics").EnumerateArray(),
            diagnostic => Assert.StartsWith("RFT4", diagnostic.GetProperty("code").GetString()));
    }

    [Fact]
    public void ADirectoryIsRefusedAsADirectoryNotAsAMissingFile()
    {
        using var folder = new CliRunner.TemporaryFolder();

        var (exitCode, output, error) = CliRunner.Run("check", folder.Path);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith($"{folder.Path}: error: is a directory; pass .reft files", error);
    }

    [Fact]
    public void BrokenFileReportsEveryErrorWithSourceAndCaret()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var path = folder.Write("broken.reft", Broken);

        var (exitCode, output, _) = CliRunner.Run("check", path);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"{path}:2:13: error RFT1005: expected a unit after 32: prompts, completions, tokens, steps or layers, but found 'prompt'; did you mean 'prompts'?\n"
            + "    batch: 32 prompt\n"
            + "              ^^^^^^\n"
            + $"{path}:3:8: error RFT1007: expected ':' after 'seed' but found number 7\n"
            + "    seed 7\n"
            + "         ^\n"
            + $"{path}: 2 errors, 0 warnings\n",
            output);
    }

    [Fact]
    public void JsonFormatListsDiagnosticsForTools()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var path = folder.Write("broken.reft", Broken);

        var (exitCode, output, _) = CliRunner.Run("check", "--format", "json", path);

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("errors").GetInt32());
        var first = json.RootElement.GetProperty("diagnostics")[0];
        Assert.Equal("RFT1005", first.GetProperty("code").GetString());
        Assert.Equal((2, 13, 2, 19), (first.GetProperty("line").GetInt32(), first.GetProperty("column").GetInt32(),
            first.GetProperty("endLine").GetInt32(), first.GetProperty("endColumn").GetInt32()));
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal(path, first.GetProperty("file").GetString());
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check --format xml a.reft")]
    [InlineData("frobnicate")]
    [InlineData("check does-not-exist.reft")]
    public void UsageErrorsExitWithTwo(string commandLine)
    {
        var (exitCode, _, error) = CliRunner.Run(commandLine.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void HelpAndVersion()
    {
        var (helpExit, help, _) = CliRunner.Run("check", "--help");
        var (versionExit, version, _) = CliRunner.Run("--version");

        Assert.Equal(0, helpExit);
        Assert.Contains("--warnings-as-errors", help);
        Assert.Contains("--format", help);
        Assert.Equal(0, versionExit);
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
    }
}
