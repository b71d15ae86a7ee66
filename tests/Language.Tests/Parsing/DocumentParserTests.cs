using Reft.Language.Parsing;
using Reft.Language.Syntax;

namespace Reft.Language.Tests.Parsing;

public class DocumentParserTests
{
    private static DocumentSyntax ParseClean(string text)
    {
        var result = ReftParser.Parse(SourceText.From(text, "test.reft"));
        Assert.Empty(result.Diagnostics);
        return result.Root!;
    }

    [Fact]
    public void PipelineWithPropertiesAndComments()
    {
        var document = ParseClean("// header\npipeline p {\n  seed: 7 // lucky\n  device: auto\n}\n");

        Assert.Equal("p", document.Pipeline.Name.Text);
        Assert.Equal(["seed", "device"], document.Pipeline.Members.Cast<PropertySyntax>().Select(p => p.Key.Text));
        Assert.Equal(["// header", "// lucky"], document.Comments.Select(c => c.Text));
    }

    [Fact]
    public void EveryDeclarationForm()
    {
        var document = ParseClean("""
            pipeline p {
              model policy {
                init: tiny(layers: 2)
              }
              model reference = frozen(policy)
              dataset train = arithmetic(digits: 1..3)
              reward correct = number(completion) == number(answer)
              reward format = matches(completion, "x") weight 0.1
              stage warmup: sft {
                steps: 400
              }
            }
            """);

        var members = document.Pipeline.Members;
        var policy = Assert.IsType<ModelDeclarationSyntax>(members[0]);
        Assert.Equal("init", Assert.Single(policy.Body!.Properties).Key.Text);
        Assert.Null(policy.Initializer);
        var reference = Assert.IsType<ModelDeclarationSyntax>(members[1]);
        Assert.Equal("(call frozen policy)", ExpressionShape.Of(reference.Initializer!));
        Assert.Null(reference.Body);
        Assert.Equal("(call arithmetic digits=(range 1 3 -))", ExpressionShape.Of(Assert.IsType<DatasetDeclarationSyntax>(members[2]).Initializer!));
        Assert.Null(Assert.IsType<RewardDeclarationSyntax>(members[3]).Weight);
        Assert.Equal("0.1", ExpressionShape.Of(Assert.IsType<RewardDeclarationSyntax>(members[4]).Weight!));
        var stage = Assert.IsType<StageDeclarationSyntax>(members[5]);
        Assert.Equal(("warmup", "sft"), (stage.Name.Text, stage.Kind.Text));
        Assert.Equal("steps", Assert.Single(stage.Body.Properties).Key.Text);
    }

    [Fact]
    public void KeywordsFollowedByColonAreProperties()
    {
        var document = ParseClean("pipeline p {\n  model: policy\n  stage: 1\n}");

        Assert.All(document.Pipeline.Members, member => Assert.IsType<PropertySyntax>(member));
    }

    [Fact]
    public void SpansPointIntoTheText()
    {
        var source = SourceText.From("pipeline p {\n  stage rl: rl {\n    batch: 32 prompts\n  }\n}\n");
        var stage = (StageDeclarationSyntax)ReftParser.Parse(source).Root!.Pipeline.Members[0];

        Assert.Equal("stage rl: rl {\n    batch: 32 prompts\n  }", source.ToString(stage.Span));
        Assert.Equal("batch: 32 prompts", source.ToString(stage.Body.Properties[0].Span));
        Assert.Equal(new Location("<input>", 3, 5), source.GetLocation(stage.Body.Properties[0].Span));
    }

    [Theory]
    [InlineData("", "RFT1006", 1, 1, "expected 'pipeline NAME {' but found the end of the file")]
    [InlineData("seed: 7", "RFT1006", 1, 1, "expected 'pipeline NAME {' but found 'seed'")]
    [InlineData("pipeline {\n}", "RFT1007", 1, 10, "expected a pipeline name after 'pipeline' but found '{'")]
    [InlineData("pipeline p {\n  seed 7\n}", "RFT1007", 2, 8, "expected ':' after 'seed' but found number 7")]
    [InlineData("pipeline p {\n  seed: 7 8\n}", "RFT1011", 2, 11, "expected a line break after property 'seed' but found number 8")]
    [InlineData("pipeline p {\n  model policy\n}", "RFT1013", 2, 15, "expected '=' or '{' after 'model policy' but found a line break")]
    [InlineData("pipeline p {\n  stage rl rl {\n  }\n}", "RFT1013", 2, 12, "expected ':' and the stage kind (sft or rl) after 'stage rl' but found 'rl'")]
    [InlineData("pipeline p {\n  reward r\n}", "RFT1013", 2, 11, "expected '=' and the reward expression after 'reward r'")]
    [InlineData("pipeline p {\n  stage s: rl {\n    model m = x\n  }\n}", "RFT1014", 3, 5, "'model' declarations belong directly inside the pipeline")]
    [InlineData("pipeline p {\n  42\n}", "RFT1009", 2, 3, "expected a property 'key: value' or a declaration (model, dataset, reward, stage) but found number 42")]
    [InlineData("pipeline p {\n  seed: 1\n", "RFT1010", 1, 12, "'{' is never closed; add '}' where it ends")]
    [InlineData("pipeline p {\n}\npipeline q {\n}", "RFT1012", 3, 1, "found 'pipeline' after the closing '}' of the pipeline")]
    [InlineData("pipeline p {\n  batch: 32 prompt\n}", "RFT1005", 2, 13, "expected a unit after 32: prompts, completions, tokens, steps or layers, but found 'prompt'; did you mean 'prompts'?")]
    public void RejectsWithPreciseDiagnostic(string text, string code, int line, int column, string messageStart)
    {
        var result = ReftParser.Parse(SourceText.From(text, "test.reft"));

        var diagnostic = result.Diagnostics[0];
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.StartsWith(messageStart, diagnostic.Message);
    }

    [Fact]
    public void ReportsEveryIndependentErrorInOneRun()
    {
        const string text = """
            pipeline broken {
              seed: 7 $
              model policy {
                init: tiny(layers: 6, dim: 128 heads: 4)
                tokenizer chars
              }
              dataset train = arithmetic(digits: 1..3, count: 20000
              prompt: "{question}=\q"
              reward r =
              stage rl: rl {
                batch: 32 prompt
                sampling: { temperature: 1.0, max_tokens: 8 tokens
                group: 8 completions
                clip: 0.2 ..
              }
              stage x rl {
                steps: 3
              }
              stage y: rl {
                steps: 4
              checkpoint: every(50 steps, keep: 2)
            }
            """;

        var result = ReftParser.Parse(SourceText.From(text, "broken.reft"));

        var found = result.Diagnostics.Select(d => $"{d.Location.Line}:{d.Location.Column} {d.Code}").ToArray();
        Assert.Equal(
            [
                "2:11 RFT1001", "4:36 RFT1007", "5:15 RFT1007", "7:29 RFT1010", "8:23 RFT1003", "9:13 RFT1008",
                "11:15 RFT1005", "12:15 RFT1010", "14:17 RFT1008", "16:11 RFT1013", "19:15 RFT1010",
            ],
            found);
        var root = result.Root!;
        Assert.Contains(root.Pipeline.Members, member => member is PropertySyntax { Key.Text: "checkpoint" });
        var stage = root.Pipeline.Members.OfType<StageDeclarationSyntax>().First();
        Assert.Equal(["group"], stage.Body.Properties.Select(p => p.Key.Text));
    }

    [Fact]
    public void ABadPropertyInsideAnObjectEndsAtItsOwnBoundaryNotTheStage()
    {
        // The string before a unit used to unwind to the stage's member loop, whose recovery then took the
        // object's '}' for the stage's: the stage and pipeline closed early and the later error was lost.
        const string text = """
            pipeline p {
              stage rl: rl {
                sampling: { temperature: 1.0, max_tokens: "8" tokens, top_k: 5 }
                steps: 10
                sampling2: { a: f(1 "x", 2), b: { c: "8" tokens, d: 2 }, e: [1 2], g: 3 }
              }
              checkpoint: every(50 steps keep: 2)
            }
            """;

        var result = ReftParser.Parse(SourceText.From(text, "object.reft"));

        Assert.Equal(
            ["3:51 RFT1007", "5:25 RFT1007", "5:46 RFT1007", "5:68 RFT1007", "7:30 RFT1007"],
            result.Diagnostics.Select(d => $"{d.Location.Line}:{d.Location.Column} {d.Code}"));
        var stage = result.Root!.Pipeline.Members.OfType<StageDeclarationSyntax>().Single();
        Assert.Equal(["sampling", "steps", "sampling2"], stage.Body.Properties.Select(p => p.Key.Text));
        var sampling = (ObjectSyntax)stage.Body.Properties[0].Value;
        Assert.Equal(["temperature", "top_k"], sampling.Properties.Select(p => p.Key.Text));
        var second = (ObjectSyntax)stage.Body.Properties[2].Value;
        Assert.Equal(["b", "g"], second.Properties.Select(p => p.Key.Text));
        Assert.Equal(["d"], ((ObjectSyntax)second.Properties[0].Value).Properties.Select(p => p.Key.Text));
        Assert.Equal(text.Length, result.Root.Pipeline.Span.End);
    }

    [Fact]
    public void AnObjectLeftOpenOnItsLineIsStillUnclosedAfterABadProperty()
    {
        const string text = "pipeline p {\n  stage rl: rl {\n    sampling: { a: \"8\" tokens\n    steps: 1 1\n  }\n}\n";

        var result = ReftParser.Parse(SourceText.From(text, "open.reft"));

        Assert.Equal(["3:15 RFT1010", "3:24 RFT1007", "4:14 RFT1011"], result.Diagnostics.Select(d => $"{d.Location.Line}:{d.Location.Column} {d.Code}"));
    }

    [Fact]
    public void ParsesEveryExampleWithoutDiagnostics()
    {
        foreach (var path in RepositoryFiles.Examples())
        {
            var result = ReftParser.Parse(SourceText.Load(path));
            Assert.True(result.Diagnostics.IsEmpty, path + ": " + string.Join("; ", result.Diagnostics));
        }
        Assert.Equal(4, RepositoryFiles.Examples().Count());
    }

    [Fact]
    public void ArithExampleSkipsLayersWithNestedReft()
    {
        var document = ReftParser.Parse(SourceText.Load(RepositoryFiles.PathOf("examples/arith.reft"))).Root!;

        var rl = document.Pipeline.Members.OfType<StageDeclarationSyntax>().Single(s => s.Name.Text == "rl");
        var behavior = rl.Body.Properties.Single(p => p.Key.Text == "behavior").Value;
        Assert.Equal(
            "(call nested skip=(call random (range 1 2 layers) keep_first=1 keep_last=1) every=batch)",
            ExpressionShape.Of(behavior));
    }
}
