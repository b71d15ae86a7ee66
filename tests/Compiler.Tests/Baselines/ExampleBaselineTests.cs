using Reft.Compiler.Explain;
using Reft.Compiler.Plan;
using Reft.Compiler.Tests.Support;
using Reft.Language;

namespace Reft.Compiler.Tests.Baselines;

public class ExampleBaselineTests
{
    public static TheoryData<string> Examples => new(ExampleFixtures.Names);

    private static (TrainingPlan Plan, SourceText Source) Compile(string example)
    {
        var source = SourceText.Load(ExampleFixtures.PathOf(example));
        var result = ReftCompiler.Compile(source);
        Assert.True(result.Diagnostics.IsEmpty, Specs.Describe(result.Diagnostics));
        return (result.Plan!, source);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_compiles_with_no_diagnostic(string example) => Assert.NotNull(Compile(example).Plan);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Bound_plan_matches_baseline(string example)
    {
        var (plan, source) = Compile(example);
        Baseline.Verify(example + ".plan.txt", PlanDumper.Dump(plan, source));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Explain_matches_baseline(string example)
    {
        var (plan, source) = Compile(example);
        Baseline.Verify(example + ".explain.txt", ExplainRenderer.Render(plan, source, ExplainFormat.Text));
        Baseline.Verify(example + ".mermaid.txt", ExplainRenderer.Render(plan, source, ExplainFormat.Mermaid));
        Baseline.Verify(example + ".dot.txt", ExplainRenderer.Render(plan, source, ExplainFormat.Dot));
    }

    [Fact]
    public void Compiling_twice_gives_equal_plans()
    {
        foreach (var example in ExampleFixtures.Names)
            Assert.Equal(Compile(example).Plan, Compile(example).Plan);
    }
}
