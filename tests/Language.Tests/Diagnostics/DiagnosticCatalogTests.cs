using System.Text.RegularExpressions;
using Reft.Language.Diagnostics;

namespace Reft.Language.Tests.Diagnostics;

public partial class DiagnosticCatalogTests
{
    [Fact]
    public void CodesAreWellFormedAndDocumented()
    {
        Assert.NotEmpty(DiagnosticCatalog.All);
        Assert.All(DiagnosticCatalog.All, descriptor =>
        {
            Assert.Matches(CodePattern(), descriptor.Code);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Help));
        });
        Assert.Equal(DiagnosticCatalog.All.Length, DiagnosticCatalog.All.Select(d => d.Code).Distinct().Count());
        Assert.Contains(DiagnosticCatalog.All, d => d.Code == "RFT1005");
    }

    [Fact]
    public void FactoriesUseTheirDescriptor()
    {
        var source = SourceText.From("batch: 32 prompt", "a.reft");

        var diagnostic = DiagnosticCatalog.ExpectedUnit(source, new TextSpan(10, 6), "32", "prompt", "prompts");

        Assert.Equal(DiagnosticCatalog.ExpectedUnitDescriptor.Code, diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Same(DiagnosticCatalog.ExpectedUnitDescriptor, DiagnosticCatalog.Find("rft1005"));
    }

    [Fact]
    public void PrinterShowsLocationSourceLineAndCaret()
    {
        var source = SourceText.From("pipeline p {\n  batch: 32 prompt\n}\n", "examples/a.reft");
        var diagnostic = DiagnosticCatalog.ExpectedUnit(source, new TextSpan(25, 6), "32", "prompt", "prompts");

        Assert.Equal(
            "examples/a.reft:2:13: error RFT1005: expected a unit after 32: prompts, completions, tokens, steps or layers, but found 'prompt'; did you mean 'prompts'?\n"
            + "    batch: 32 prompt\n"
            + "              ^^^^^^\n",
            DiagnosticPrinter.Format(diagnostic));
    }

    [Fact]
    public void PrinterCutsALongSourceLineAroundTheCaret()
    {
        var line = "  a: " + new string('x', 500) + " 32 prompt " + new string('y', 500);
        var source = SourceText.From("pipeline p {\n" + line + "\n}\n", "long.reft");
        var diagnostic = DiagnosticCatalog.ExpectedUnit(source, new TextSpan(13 + line.IndexOf("prompt"), 6), "32", "prompt", "prompts");

        var printed = DiagnosticPrinter.Format(diagnostic).Split('\n');

        // 160 characters centred on the caret: 76 x's before " 32 prompt ", 73 y's after it.
        Assert.StartsWith("long.reft:2:510: error RFT1005:", printed[0]);
        Assert.Equal("  ..." + new string('x', 76) + " 32 prompt " + new string('y', 73) + "...", printed[1]);
        Assert.Equal("  " + new string(' ', 83) + "^^^^^^", printed[2]);
    }

    [Fact]
    public void DocsDiagnosticsMdIsUpToDate()
    {
        var path = RepositoryFiles.PathOf("docs/diagnostics.md");
        var expected = DiagnosticsDocument.Render();
        if (Environment.GetEnvironmentVariable("REFT_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        var actual = File.Exists(path) ? File.ReadAllText(path) : "";

        Assert.True(expected == actual, "docs/diagnostics.md is out of date; run REFT_UPDATE_DOCS=1 dotnet test tests/Language.Tests");
    }

    [GeneratedRegex("^RFT[1-9][0-9]{3}$")]
    private static partial Regex CodePattern();
}
