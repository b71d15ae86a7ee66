using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Plan;
using Reft.Compiler.Tests.Support;

namespace Reft.Compiler.Tests.Binding;

public class ExpressionBindingTests
{
    private static TrainingPlan Plan(string text)
    {
        var result = Specs.Compile(text);
        Assert.True(result.Plan is not null, Specs.Describe(result.Diagnostics));
        return result.Plan!;
    }

    private static string Reward(string expression) =>
        Specs.Arith.With("-0.01 * length(completion)", expression);

    [Fact]
    public void Equality_of_optional_numbers_is_a_bool_reward()
    {
        var correct = Plan(Specs.Arith).Reward("correct");
        var equal = Assert.IsType<BoundBinary>(correct.Expression);
        Assert.Equal(BoundBinaryOperator.Equal, equal.Operator);
        Assert.Equal(ExprType.OptionalNumber, equal.Left.Type);
        Assert.Equal(ExprType.Bool, equal.Type);
        Assert.True(correct.DependsOnCompletion);
    }

    [Fact]
    public void Bool_counts_as_a_number_in_arithmetic()
    {
        var reward = Plan(Reward("0.5 * contains(completion, \"=\") + 1")).Reward("short");
        Assert.Equal(ExprType.Number, reward.Expression.Type);
        Assert.Equal("((0.5 * contains(completion, \"=\")) + 1)", BoundExpressionText.Render(reward.Expression));
    }

    [Fact]
    public void Method_form_binds_the_receiver_as_first_argument()
    {
        var reward = Plan(Reward("completion.after(\"=\") == answer")).Reward("short");
        Assert.Equal("(after(completion, \"=\") == answer)", BoundExpressionText.Render(reward.Expression));
    }

    [Fact]
    public void Comparison_with_none_tests_for_a_missing_value()
    {
        var reward = Plan(Reward("number(completion) != none")).Reward("short");
        var test = Assert.IsType<BoundBinary>(reward.Expression);
        Assert.IsType<BoundMissing>(test.Right);
    }

    [Fact]
    public void Min_and_max_take_two_or_more_numbers()
    {
        var reward = Plan(Reward("min(1, length(completion), 3) - max(0, 1)")).Reward("short");
        Assert.Equal(3, Assert.IsType<BoundCall>(Assert.IsType<BoundBinary>(reward.Expression).Left).Arguments.Count);
    }

    [Theory]
    [InlineData("not length(completion)", "RFT3005")]
    [InlineData("contains(completion)", "RFT3019")]
    [InlineData("mean(correct)", "RFT3013")]
    [InlineData("number(completion) + 1", "RFT3008")]
    [InlineData("advantage > 0", "RFT3013")]
    [InlineData("completion.abs()", "RFT2007")]
    public void Ill_typed_rewards_are_rejected(string expression, string code)
    {
        var result = Specs.Compile(Reward(expression));
        Assert.Contains(result.Diagnostics, d => d.Code == code);
        Assert.Null(result.Plan);
    }

    [Fact]
    public void Jsonl_mapping_types_flow_into_the_fields()
    {
        var fixture = ExampleFixtures.Directory;
        var result = ReftCompiler.Compile(Language.SourceText.Load(ExampleFixtures.PathOf("gsm8k-nested")));
        Assert.True(result.Plan is not null, Specs.Describe(result.Diagnostics));
        var train = result.Plan!.Dataset("train");
        Assert.Equal(ExprType.OptionalText, train.Field("answer")!.Type);
        Assert.Equal(["question", "answer"], Assert.IsType<JsonlSource>(train.Source).RawKeys);
        Assert.StartsWith(fixture, Assert.IsType<JsonlSource>(train.Source).FullPath);
    }

    [Fact]
    public void Prompt_holes_are_split_from_literal_text()
    {
        var plan = Plan(Specs.Arith.With("\"{question}=\"", "\"Q: {question} {{x}} \\\\boxed{} =\""));
        Assert.Equal<PromptSegment>([new PromptLiteral("Q: "), new PromptHole("question", plan.Prompt.User.OfType<PromptHole>().Single().Span), new PromptLiteral(" {x} \\boxed{} =")],
            plan.Prompt.User.ToArray());
    }
}
