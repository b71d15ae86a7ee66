using Reft.Compiler.Tests.Support;

namespace Reft.Compiler.Tests.Binding;

public class CompileResultTests
{
    [Fact]
    public void Warnings_keep_the_plan_until_they_are_made_errors()
    {
        var text = Specs.Arith.With("on: test", "on: train");
        var result = Specs.Compile(text);
        Assert.NotNull(result.Plan);
        Assert.False(result.HasErrors);
        var strict = result.WithWarningsAsErrors();
        Assert.Null(strict.Plan);
        Assert.True(strict.HasErrors);
        Assert.Equal("RFT4034", Assert.Single(strict.Diagnostics).Code);
    }

    [Fact]
    public void Diagnostics_print_as_file_line_column_code_message()
    {
        var diagnostic = Specs.Compile(Specs.Arith.With("device: auto", "device: gpu")).Diagnostics.Single();
        Assert.Matches(@"^.*test\.reft:5:11: error RFT2008: 'gpu' is not a value of device; did you mean 'cpu'\?$", diagnostic.ToString());
    }

    [Fact]
    public void Plans_compare_by_value()
    {
        var first = Specs.Compile(Specs.Arith).Plan!;
        var second = Specs.Compile(Specs.Arith).Plan!;
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, Specs.Compile(Specs.Arith.With("seed: 7", "seed: 8")).Plan);
    }

    [Fact]
    public void Phases_are_in_canonical_order_with_spans_into_the_file()
    {
        var plan = Specs.Compile(Specs.Arith).Plan!;
        var rl = plan.Stages[1];
        Assert.Equal(["Sample", "Score", "Advantage", "Filter", "Loss", "Update", "Log", "Eval", "Checkpoint"], rl.Phases.Select(p => p.Kind.ToString()));
        Assert.Contains(new global::Reft.Compiler.Plan.PhaseEdge(global::Reft.Compiler.Plan.PhaseKind.Update, global::Reft.Compiler.Plan.PhaseKind.Eval), rl.Edges);
        var source = Language.SourceText.From(Specs.Arith);
        Assert.Equal(30, source.GetLocation(rl.Phases.First().Span).Line);  // "batch: 32 prompts"
    }
}
