using Reft.Language.Formatting;
using Reft.Language.Parsing;
using Reft.Language.Syntax;

namespace Reft.Language.Tests.Formatting;

public class FormatterTests
{
    public static TheoryData<string> Examples() => new(RepositoryFiles.Examples().Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void ExampleRoundTripIsIdempotentAndKeepsTheTree(string name)
    {
        var source = SourceText.Load(RepositoryFiles.PathOf(Path.Combine("examples", name)));

        var (once, parse) = ReftFormatter.Format(source);
        var reparsed = ReftParser.Parse(SourceText.From(once!, name));
        var (twice, _) = ReftFormatter.Format(SourceText.From(once!, name));

        Assert.Empty(reparsed.Diagnostics);
        Assert.Equal(once, twice);
        Assert.Equal(SyntaxDumper.Dump(parse.Root!), SyntaxDumper.Dump(reparsed.Root!));
    }

    [Fact]
    public void ProducesTheCanonicalLayout()
    {
        const string messy = "// top\n\n\n pipeline   p{seed :7   // lucky\n\n\n\n  model policy {init: tiny( layers:2 ,dim : 8 )}\n"
            + "reward r=-0.01*length( completion )weight 2\n  stage s : rl {\n    // inside\n    clip: 0.2 .. 0.28\n   sampling : {temperature:1.0,\n"
            + "   // moved\n      max_tokens: 8 tokens}\n  }  // after stage\n}\n// end\n";

        var (formatted, parse) = ReftFormatter.Format(SourceText.From(messy));

        Assert.Empty(parse.Diagnostics);
        Assert.Equal(
            """
            // top

            pipeline p {
              seed: 7               // lucky

              model policy {
                init: tiny(layers: 2, dim: 8)
              }
              reward r = -0.01 * length(completion) weight 2
              stage s: rl {
                // inside
                clip: 0.2 .. 0.28
                // moved
                sampling: { temperature: 1.0, max_tokens: 8 tokens }
              }  // after stage
            }
            // end

            """.Replace("\r\n", "\n"),
            formatted);
    }

    [Fact]
    public void AlignsRunsOfDeclarationsAndSpacesDecimalRanges()
    {
        const string text = "pipeline p {\n  dataset train = a(digits: 1 .. 3)\n  dataset t = b()  // short\n\n  dataset far = c(clip: 0.2..0.3)\n}\n";

        var (formatted, _) = ReftFormatter.Format(SourceText.From(text));

        Assert.Equal(
            "pipeline p {\n  dataset train = a(digits: 1..3)\n  dataset t     = b()  // short\n\n  dataset far = c(clip: 0.2 .. 0.3)\n}\n",
            formatted);
    }

    [Fact]
    public void BreaksLongObjectsOverSeveralLines()
    {
        var text = "pipeline p {\n  sampling: { temperature: 1.0, top_p: 0.95, top_k: 50, max_tokens: 512 tokens, stop: [\"</answer>\", \"\\n\\nQ:\"] }\n}\n";

        var (formatted, _) = ReftFormatter.Format(SourceText.From(text));

        Assert.Equal(
            "pipeline p {\n  sampling: {\n    temperature: 1.0\n    top_p: 0.95\n    top_k: 50\n    max_tokens: 512 tokens\n"
            + "    stop: [\"</answer>\", \"\\n\\nQ:\"]\n  }\n}\n",
            formatted);
    }

    [Fact]
    public void RefusesTextThatDoesNotParse()
    {
        var (formatted, parse) = ReftFormatter.Format(SourceText.From("pipeline p {\n  seed 7\n}\n"));

        Assert.Null(formatted);
        Assert.True(parse.HasErrors);
    }
}
