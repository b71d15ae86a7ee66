namespace Reft.Cli.Tests.Cli;

public class FormatCommandTests
{
    private const string Messy = "pipeline p{\n  seed :7   // lucky\n  model policy {init: tiny( layers:2 )}\n}\n";
    private const string Canonical = "pipeline p {\n  seed: 7   // lucky\n  model policy {\n    init: tiny(layers: 2)\n  }\n}\n";

    [Fact]
    public void RewritesFilesInTheCanonicalLayout()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var path = folder.Write("messy.reft", Messy);

        var (exitCode, output, _) = CliRunner.Run("fmt", path);

        Assert.Equal(0, exitCode);
        Assert.Equal($"{path}: formatted\n", output);
        Assert.Equal(Canonical, File.ReadAllText(path));
        Assert.Equal((0, ""), Drop(CliRunner.Run("fmt", path)));
    }

    [Fact]
    public void CheckReportsWithoutWriting()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var messy = folder.Write("messy.reft", Messy);
        var canonical = folder.Write("canonical.reft", Canonical);

        var (exitCode, output, _) = CliRunner.Run("fmt", "--check", messy, canonical);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{messy}: not in the canonical layout; run 'reftc fmt {messy}'\n", output);
        Assert.Equal(Messy, File.ReadAllText(messy));
    }

    [Fact]
    public void RefusesFilesWithSyntaxErrors()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var path = folder.Write("broken.reft", "pipeline p {\n  seed 7\n}\n");

        var (exitCode, output, _) = CliRunner.Run("fmt", path);

        Assert.Equal(1, exitCode);
        Assert.Contains("error RFT1007", output);
        Assert.Equal("pipeline p {\n  seed 7\n}\n", File.ReadAllText(path));
    }

    private static (int, string) Drop((int ExitCode, string Output, string Error) result) => (result.ExitCode, result.Output);
}
