using Reft.Compiler.Tests.Support;
using Reft.Language;

namespace Reft.Compiler.Tests.Checks;

/// <summary>Bad input gives diagnostics, never an exception: every example with each line removed, and cut short.</summary>
public class RobustnessTests
{
    public static TheoryData<string> Examples => new(ExampleFixtures.Names);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Removing_any_line_or_cutting_the_file_never_throws(string example)
    {
        var path = ExampleFixtures.PathOf(example);
        var lines = File.ReadAllLines(path);
        var variants = Enumerable.Range(0, lines.Length).Select(skip => string.Join("\n", lines.Where((_, i) => i != skip)))
            .Concat(Enumerable.Range(1, 20).Select(part => string.Join("\n", lines)[..(string.Join("\n", lines).Length * part / 21)]));
        foreach (var text in variants)
        {
            var result = ReftCompiler.Compile(new SourceText(path, text), ExampleFixtures.Directory);
            Assert.True(result.Plan is not null || result.HasErrors, "no plan and no error for:\n" + text);
        }
    }
}
