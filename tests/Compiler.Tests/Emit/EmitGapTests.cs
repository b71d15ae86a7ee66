using Reft.Compiler.Emit;
using Reft.Compiler.Tests.Support;
using Reft.Language;

namespace Reft.Compiler.Tests.Emit;

public sealed class EmitGapTests
{
    [Fact]
    public void MappingThatReadsTwoKeysIsReportedAsAGapAtTheMapping()
    {
        var text = Specs.Arith.With(
            "dataset test  = arithmetic(digits: 1..3, ops: \"+-\", count: 500, seed: 99)",
            "dataset test  = jsonl(\"data/arith-replay.jsonl\", question: question, answer: after(answer, completion))");
        var source = SourceText.From(text, Path.Combine(ExampleFixtures.Directory, "gap.reft"));

        var build = PipelineBuilder.Generate(source);

        var gap = Assert.Single(build.Diagnostics);
        Assert.Equal("RFT9003", gap.Code);
        Assert.Equal("after(answer, completion)", source.ToString(gap.Span));
        Assert.Null(build.Source);
    }
}
