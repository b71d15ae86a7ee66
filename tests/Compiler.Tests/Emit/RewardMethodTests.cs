using System.Reflection;
using Reft.Compiler.Emit;
using Reft.Compiler.Tests.Support;
using Reft.Language;

namespace Reft.Compiler.Tests.Emit;

/// <summary>
/// Reward expressions become static typed methods; these tests compile a whole generated pipeline
/// and call its reward methods, so they check the C# semantics, not the text.
/// </summary>
public sealed class RewardMethodTests : IClassFixture<RewardMethodTests.CompiledRewards>
{
    private readonly CompiledRewards rewards;

    public RewardMethodTests(CompiledRewards rewards) => this.rewards = rewards;

    [Theory]
    [InlineData("12", "12", 1.0)]
    [InlineData("the answer is 12", "12", 1.0)]
    [InlineData("13", "12", 0.0)]
    [InlineData("no number", "not one either", 0.0)]
    public void EqualityOfParsedNumbersIsFalseWhenAParseFails(string completion, string answer, double expected) =>
        Assert.Equal(expected, rewards.Call("RewardSame", completion, answer));

    [Theory]
    [InlineData("1", "2", 1.0)]
    [InlineData("2", "2", 0.0)]
    [InlineData("no number", "2", 0.0)]
    [InlineData("no number", "none here", 0.0)]
    public void InequalityIsFalseWhenAParseFails(string completion, string answer, double expected) =>
        Assert.Equal(expected, rewards.Call("RewardDiffer", completion, answer));

    [Theory]
    [InlineData("abc", "abc", 3.5)]
    [InlineData("abc", "abd", 3.0)]
    public void BoolCountsAsOneInArithmeticAndMaxTakesSeveralArguments(string completion, string answer, double expected) =>
        Assert.Equal(expected, rewards.Call("RewardMixed", completion, answer));

    [Theory]
    [InlineData("nothing numeric", 1.0)]
    [InlineData("42", 0.0)]
    public void ComparingWithNoneTestsForAMissingValue(string completion, double expected) =>
        Assert.Equal(expected, rewards.Call("RewardMissing", completion));

    [Theory]
    [InlineData("so \\boxed{\\frac{1}{2}}", "0.5", 1.0)]
    [InlineData("so \\boxed{3}", "0.5", 0.0)]
    [InlineData("no box", "0.5", 0.0)]
    public void MathEqualOfBoxedAnswers(string completion, string answer, double expected) =>
        Assert.Equal(expected, rewards.Call("RewardBoxed", completion, answer));

    [Fact]
    public void ScoreSumsWeightedTerms()
    {
        var score = rewards.Type.GetMethod("Score", BindingFlags.NonPublic | BindingFlags.Static)!;
        var row = Reft.Runtime.Data.Example.Of(("question", "1+1"), ("answer", "2"));
        var terms = (Reft.Runtime.Rewards.RewardTerms)score.Invoke(null, ["2", row, Reft.Runtime.Text.CharTokenizer.Default])!;

        // same 1 (weight 2) + differ 0 + mixed (0.5·1 + 3) + missing 0 + boxed 0 (no box to read)
        Assert.Equal(2.0 * 1 + 0 + 3.5 + 0 + 0, terms.Total, 12);
        Assert.Equal(["same", "differ", "mixed", "missing", "boxed"], terms.Terms.Select(t => t.Name));
    }

    public sealed class CompiledRewards : IDisposable
    {
        private readonly string cache = Path.Combine(Path.GetTempPath(), "reft-reward-tests-" + Guid.NewGuid().ToString("N"));

        public CompiledRewards()
        {
            var spec = Specs.Arith
                .With("reward correct = number(completion) == number(answer)", """
                    reward same    = number(completion) == number(answer) weight 2
                      reward differ  = number(completion) != number(answer)
                      reward mixed   = 0.5 * (completion == answer) + max(1, 2, 3)
                      reward missing = number(completion) == none
                      reward boxed   = math_equal(boxed(completion), answer)
                    """)
                .With("reward short   = -0.01 * length(completion)\n", "")
                .With("metric: mean(correct)", "metric: mean(same)");
            var source = SourceText.From(spec, "rewards.reft");
            var compiled = ReftCompiler.Compile(source, Specs.ExamplesDirectory);
            Assert.True(compiled.Plan is not null, Specs.Describe(compiled.Diagnostics));
            var generated = PipelineEmitter.Emit(compiled.Plan!, source);
            var result = new GeneratedCodeCompiler(GeneratedCodeCompilerTests.RuntimeAssemblyPath, new AssemblyCache(cache)).Compile(generated);
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            Type = Assembly.Load(result.Pipeline!.Image).GetType(generated.FullTypeName)!;
        }

        public Type Type { get; }

        public double Call(string method, params object[] arguments) =>
            (double)Type.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, arguments)!;

        public void Dispose()
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }
}
