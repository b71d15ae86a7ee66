using Reft.Runtime.Rewards;

namespace Reft.Runtime.Tests.Rewards;

/// <summary>Completion/answer pairs with the verdict a reward should give, one case per row.</summary>
public sealed class VerdictTableTests
{
    /// <summary>reward = number(completion) == number(answer)</summary>
    public static TheoryData<string, string, bool> NumberVerdicts() => new()
    {
        { "12+7=19", "19", true },
        { "The answer is 42.", "42", true },
        { "I think it's -5", "-5", true },
        { "3-5", "5", true },
        { "3-5", "-2", false },
        { "Total: 1,234 apples", "1234", true },
        { "1,234,567", "1234567", true },
        { "3/4", "0.75", true },
        { "half is 1/2", "0.5", true },
        { "x = \u22127", "-7", true },
        { "", "5", false },
        { "no numbers here", "0", false },
        { "0.1+0.2 = 0.30000000000000004", "0.3", true },
        { "1e3", "1000", true },
        { "99999999999999999999", "99999999999999999999", true },
        { "1e400", "1e400", false },
        { "5/0", "5", false },
        { "answer: 3.50", "3.5", true },
        { "The result is 19 and not 20", "19", false },
        { "$1,000.50", "1000.5", true },
        { "+8", "8", true },
        { "step 1: 2+2=4\nstep 2: 4*2=8", "8", true },
        { "-0", "0", true },
        { "1.5e-3", "0.0015", true },
        { ".5", "0.5", true },
        { "12 7", "7", true },
        { "12, 7", "12", false },
        { "100%", "100", true },
        { "0", "0", true },
        { "1000000", "1000001", false },
        { "3.0", "3", true },
        { "junk !!@#", "1", false },
        { "-3/4", "-0.75", true },
        { "1 / 3", "0.333333333", true },
        { "2/3", "0.67", false },
        { "#### 72", "72", true },
        { "the answer is 5 apples", "5 apples", true },
        { "(-12)", "-12", true },
        { "=-4", "-4", true },
        { "18 - 20 = -2", "-2", true },
    };

    /// <summary>reward = math_equal(boxed(completion), answer)</summary>
    public static TheoryData<string, string, bool> BoxedVerdicts() => new()
    {
        { @"so \boxed{42}", "42", true },
        { @"\boxed{\frac{3}{4}}", "0.75", true },
        { @"\boxed{\dfrac{3}{4}}", "3/4", true },
        { @"\boxed{\tfrac{1}{2}}", @"\frac12", true },
        { @"\boxed{-\frac{1}{2}}", "-0.5", true },
        { @"\boxed{1,234}", "1234", true },
        { @"\boxed{5\text{ cm}}", "5", true },
        { @"\boxed{50\%}", "0.5", true },
        { @"\boxed{50\%}", "50", true },
        { @"\boxed{50\%}", "5", false },
        { @"\boxed{\left( 3, 4 \right)}", "(3,4)", true },
        { @"first \boxed{1} then \boxed{2}", "2", true },
        { @"first \boxed{1} then \boxed{2}", "1", false },
        { @"\boxed{\frac{\sqrt{3}}{2}}", @"\frac{\sqrt{3}}{2}", true },
        { @"\boxed{\sqrt{2}}", "1.41421356", false },
        { "no box here 42", "42", false },
        { @"\boxed{}", "0", false },
        { @"\boxed{42", "42", false },
        { @"\fbox{7}", "7", true },
        { @"$\boxed{x = 3}$", "3", true },
        { @"\boxed{3.0}", "3", true },
        { @"\boxed{ 2 }", "2", true },
        { @"\boxed{\$18}", "18", true },
        { @"\boxed{90^\circ}", "90", true },
        { @"\boxed{90°}", "90", true },
        { @"\boxed{\text{yes}}", "yes", true },
        { @"\boxed{\text{(B)}}", "(B)", true },
        { @"\boxed{2x+1}", "2x + 1", true },
        { @"\boxed{2x+1}", "2x+2", false },
        { @"\boxed{-7}", "\u22127", true },
        { @"\boxed{10^{6}}", "1000000", false },
        { @"\boxed{\frac{10}{4}}", @"\frac{5}{2}", true },
        { @"\boxed{0.33}", "1/3", false },
        { @"\boxed{1/3}", @"\frac{1}{3}", true },
        { @"\boxed{\boxed{5}}", "5", true },
        { @"\boxed{12.50}", "12.5", true },
        { @"\boxed{5 apples}", "5", true },
        { @"\boxed{1e-7}", "0", false },
        { @"\boxed{100000000000000000000}", "1e20", true },
        { @"The answer is $\boxed{\dfrac{7}{2}}$.", "3.5", true },
    };

    /// <summary>math_equal(a, b) on answers written two ways.</summary>
    public static TheoryData<string, string, bool> MathEqualVerdicts() => new()
    {
        { "3/4", "0.75", true },
        { @"\frac{3}{4}", @"\frac{6}{8}", true },
        { "0.5", "1/2", true },
        { "50%", "0.5", true },
        { "50%", "50", true },
        { "50%", "50%", true },
        { "50%", "0.5%", false },
        { "1,000", "1000", true },
        { "1, 2", "1,2", true },
        { "", "", false },
        { "  ", "0", false },
        { "abc", "abc", true },
        { "abc", "ABC", false },
        { "$5$", "5", true },
        { @"\$5", "5", true },
        { @"5\,000", "5000", true },
        { @"\!3", "3", true },
        { "-0.0", "0", true },
        { "1000000", "1000001", false },
        { "0.1", "0.10000001", true },
        { "0.1", "0.1001", false },
        { @"\frac{1}{0}", "1", false },
        { "x=5", "5", true },
        { "y = -2", "-2", true },
        { @"\left(1,2\right)", "(1,2)", true },
        { @"10 \text{ m}^2", "10", true },
        { @"\text{m}", "m", true },
        { "3.14159", @"\pi", false },
        { "1e3", "1000", true },
        { "5.", "5", true },
        { "twelve", "12", false },
        { "-5", "5", false },
    };

    [Theory]
    [MemberData(nameof(NumberVerdicts))]
    public void Number_equality(string completion, string answer, bool correct) =>
        Assert.Equal(correct, Verifiers.Equal(Verifiers.Number(completion), Verifiers.Number(answer)));

    [Theory]
    [MemberData(nameof(BoxedVerdicts))]
    public void Boxed_math_equality(string completion, string answer, bool correct) =>
        Assert.Equal(correct, Verifiers.MathEqual(Verifiers.Boxed(completion), answer));

    [Theory]
    [MemberData(nameof(MathEqualVerdicts))]
    public void Math_equality_is_symmetric(string a, string b, bool equal)
    {
        Assert.Equal(equal, Verifiers.MathEqual(a, b));
        Assert.Equal(equal, Verifiers.MathEqual(b, a));
    }

    [Fact]
    public void The_table_has_at_least_100_rows() =>
        Assert.True(NumberVerdicts().Count + BoxedVerdicts().Count + MathEqualVerdicts().Count >= 100);
}
