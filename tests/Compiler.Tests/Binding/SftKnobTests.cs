using Reft.Compiler.Plan;
using Reft.Compiler.Tests.Support;

namespace Reft.Compiler.Tests.Binding;

/// <summary>The sft knobs target and layer_drop, from the text to the plan.</summary>
public class SftKnobTests
{
    private static SftStagePlan Warmup(string sftLines)
    {
        var result = Specs.Compile(Specs.Arith.With("    steps: 400\n", "    steps: 400\n" + sftLines));
        Assert.True(result.Plan is not null, Specs.Describe(result.Diagnostics));
        return Assert.IsType<SftStagePlan>(result.Plan.Stages[0]);
    }

    [Fact]
    public void Target_defaults_to_answer_and_layer_drop_to_off()
    {
        var warmup = Warmup("");
        Assert.Equal("answer", warmup.Batch.TargetField);
        Assert.Null(warmup.Loss.LayerDrop);
        Assert.Null(Warmup("    layer_drop: none\n").Loss.LayerDrop);
    }

    [Fact]
    public void Target_names_another_field_of_the_data()
    {
        Assert.Equal("question", Warmup("    target: question\n").Batch.TargetField);
    }

    [Fact]
    public void An_unknown_target_is_an_unknown_field_with_a_suggestion()
    {
        var (text, line, column) = Specs.Marked(Specs.Arith.With("    steps: 400\n", "    steps: 400\n    target: $$answr\n"));
        var diagnostic = Assert.Single(Specs.Compile(text).Diagnostics);
        Assert.Equal("RFT2006", diagnostic.Code);
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Contains("'answr' is not a field of dataset 'train', which sft trains on; did you mean 'answer'?", diagnostic.ToString());
    }

    [Fact]
    public void A_target_must_be_a_field_name()
    {
        var diagnostic = Assert.Single(Specs.Compile(Specs.Arith.With("    steps: 400\n", "    steps: 400\n    target: \"answer\"\n")).Diagnostics);
        Assert.Equal("RFT3004", diagnostic.Code);
    }

    [Fact]
    public void A_plain_probability_protects_the_first_and_last_layer()
    {
        var drop = Warmup("    layer_drop: 0.1\n").Loss.LayerDrop!;
        Assert.Equal((0.1, 1, 1), (drop.Probability, drop.KeepFirst, drop.KeepLast));
    }

    [Fact]
    public void Random_takes_the_probability_and_the_protected_layers()
    {
        var drop = Warmup("    layer_drop: random(0.25, keep_first: 2, keep_last: 0)\n").Loss.LayerDrop!;
        Assert.Equal((0.25, 2, 0), (drop.Probability, drop.KeepFirst, drop.KeepLast));
        Assert.Equal(0.5, Warmup("    layer_drop: random(p: 0.5)\n").Loss.LayerDrop!.Probability);
    }

    [Theory]
    [InlineData("layer_drop: random(0.1, keep_frist: 1)", "RFT2001")]
    [InlineData("layer_drop: dropout(0.1)", "RFT2008")]
    [InlineData("layer_drop: random(keep_first: 1)", "RFT2011")]
    [InlineData("layer_drop: random(0.1, keep_last: -1)", "RFT4037")]
    [InlineData("layer_drop: -0.5", "RFT4052")]
    [InlineData("layer_drop: random(0.1, keep_first: 0, keep_last: 0)", "RFT4053")]
    [InlineData("layer_drop: random(0.1, keep_first: 5)", "RFT4053")]
    public void Bad_layer_drops_are_reported_once(string line, string code)
    {
        var result = Specs.Compile(Specs.Arith.With("    steps: 400\n", $"    steps: 400\n    {line}\n"));
        Assert.Equal(code, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_default_dataset_that_failed_to_bind_reports_only_its_own_error()
    {
        // Found by the compiler fuzz: the target check looked the unbound dataset up and threw.
        const string text = """
            pipeline p {
              model policy {
                init: tiny(layers: 2, dim: 32, heads: 2, context: 16 tokens)
                tokenizer: chars
              }
              dataset train = arithmetic(digits: "x", ops: "+", count: 100)
              prompt: "{question}="
              stage warmup: sft {
                steps: 2
                batch: 8 prompts
                optimizer: adamw(lr: 1e-3)
              }
            }
            """;
        var diagnostic = Assert.Single(Specs.Compile(text).Diagnostics);
        Assert.Equal((6, 38), (diagnostic.Location.Line, diagnostic.Location.Column));
    }
}
