using Reft.Runtime.Rewards;
using Reft.Runtime.Text;

namespace Reft.Runtime.Tests.Rewards;

public sealed class VerifierTests
{
    [Theory]
    [InlineData("1,234", 1234.0)]
    [InlineData("-12.5 and then 3", 3.0)]
    [InlineData("3/4", 0.75)]
    [InlineData("a 3 - 4", 4.0)]
    [InlineData("value -4", -4.0)]
    [InlineData("2.5e2", 250.0)]
    [InlineData("costs $12,000,000", 12000000.0)]
    public void Number_reads_the_last_number(string text, double expected) => Assert.Equal(expected, Verifiers.Number(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("none")]
    [InlineData("7/0")]
    [InlineData("1e999")]
    public void Number_is_null_without_a_finite_number(string? text) => Assert.Null(Verifiers.Number(text));

    [Theory]
    [InlineData(@"\boxed{\frac{1}{2}}", @"\frac{1}{2}")]
    [InlineData(@"a \boxed{1} b \fbox{ 2 }", "2")]
    [InlineData(@"\boxed{\{1,2\}}", @"\{1,2\}")]
    [InlineData(@"\boxed 5$", "5")]
    [InlineData(@"\boxed{3} \boxed{unclosed", "3")]
    [InlineData(@"\boxedsymbol{9} \boxed{4}", "4")]
    public void Boxed_extracts_the_last_complete_box(string text, string expected) => Assert.Equal(expected, Verifiers.Boxed(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(@"\boxed")]
    [InlineData(@"\boxedsymbol{9}")]
    [InlineData("{42}")]
    public void Boxed_is_null_without_a_box(string? text) => Assert.Null(Verifiers.Boxed(text));

    [Fact]
    public void Null_never_equals_anything()
    {
        Assert.False(Verifiers.Equal(null, null));
        Assert.False(Verifiers.Equal(null, 1.0));
        Assert.False(Verifiers.Equal(double.NaN, double.NaN));
        Assert.False(Verifiers.MathEqual((string?)null, (string?)null));
        Assert.False(Verifiers.MathEqual("1", (double?)null));
        Assert.True(Verifiers.MathEqual(@"\frac{1}{4}", 0.25));
        Assert.True(Verifiers.MathEqual(0.25, "25%"));
        Assert.True(Verifiers.Equal(1.0, 1.0 + 1e-9));
        Assert.False(Verifiers.Equal(1.0, 1.00001));
    }

    [Fact]
    public void Matches_uses_the_pattern_and_scores_a_timeout_as_false()
    {
        Assert.True(Verifiers.Matches(@"so \boxed{5}", @"\\boxed\{.+\}"));
        Assert.False(Verifiers.Matches("so 5", @"\\boxed\{.+\}"));
        Assert.False(Verifiers.Matches(null, "."));
        Assert.False(Verifiers.Matches(new string('a', 5000) + "!", @"^(a|aa|aaa)*$"));
        Assert.Null(Verifiers.PatternError(@"\d+"));
        Assert.NotNull(Verifiers.PatternError("(unclosed"));
    }

    [Fact]
    public void Contains_after_and_length()
    {
        Assert.True(Verifiers.Contains("abc", "b"));
        Assert.False(Verifiers.Contains(null, "b"));
        Assert.False(Verifiers.Contains("abc", "B"));
        Assert.Equal("72", Verifiers.After("so 3 #### 5\n#### 72 \n", "####"));
        Assert.Null(Verifiers.After("no marker", "####"));
        Assert.Null(Verifiers.After(null, "####"));
        Assert.Equal(5, Verifiers.Length("12+7=", CharTokenizer.Default));
        Assert.Equal(0, Verifiers.Length(null, CharTokenizer.Default));
    }
}
