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

    [Fact]
    public void A_reward_summing_a_thousand_terms_is_an_error_not_a_stack_overflow()
    {
        // Every pass after the parser walks expressions recursively; a flat chain is as deep as it is long.
        var sum = string.Join(" + ", Enumerable.Repeat("length(completion)", 1000));
        var result = Specs.Compile(Specs.Arith.With("-0.01 * length(completion)", sum));
        Assert.Equal("RFT1015", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_count_beyond_int_range_says_too_large_not_fractional()
    {
        var diagnostic = Assert.Single(Specs.Compile(Specs.Arith.With("count: 20000", "count: 1e12")).Diagnostics);
        Assert.Equal(("RFT3003", "count is 1000000000000, beyond the largest whole number reft stores (2147483647); use a smaller value"),
            (diagnostic.Code, diagnostic.Message));
    }

    [Fact]
    public void An_invalid_pattern_says_how_to_fix_it()
    {
        var diagnostic = Assert.Single(Specs.Compile(Specs.Arith.With("-0.01 * length(completion)", "matches(completion, \"(\")")).Diagnostics);
        Assert.Equal("RFT3010", diagnostic.Code);
        Assert.EndsWith("; fix the pattern (inside a .reft string a backslash is written \\\\)", diagnostic.Message);
    }
}
