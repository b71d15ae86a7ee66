using System.Text;
using Reft.Language.Formatting;
using Reft.Language.Parsing;
using Reft.Language.Syntax;

namespace Reft.Language.Tests.Fuzzing;

/// <summary>
/// Random and mutated inputs with a fixed seed: the façade never throws, every failure is explained
/// by a diagnostic whose span lies inside the text, and whatever parses cleanly formats to the same tree.
/// </summary>
public class ParserFuzzTests
{
    private const int RandomInputs = 4000;
    private const int MutatedInputs = 6000;
    private const string Alphabet = "pipeline model dataset reward stage weight none true false not and or prompts layers %{}[]():,.=<>!+-*/\"\\#\n\n  \t0123456789e_abcxyz\u00e9\u0000";

    [Fact]
    public void TenThousandInputsNeverCrashTheParser()
    {
        var random = new Random(20261122);
        var examples = RepositoryFiles.Examples().Select(File.ReadAllText).ToArray();
        var checkedInputs = 0;
        var cleanInputs = 0;
        for (var i = 0; i < RandomInputs; i++)
        {
            cleanInputs += Check(i % 2 == 0 ? RandomBytes(random) : RandomTokens(random)) ? 1 : 0;
            checkedInputs++;
        }
        for (var i = 0; i < MutatedInputs; i++)
        {
            var example = examples[i % examples.Length];
            // Every third input is a whole example; the others are a slice of one inside a pipeline,
            // which exercises the same member recovery at a third of the cost.
            var text = i % 3 == 0 ? example : "pipeline p {\n" + Slice(example, random) + "\n}\n";
            cleanInputs += Check(Mutate(text, random)) ? 1 : 0;
            checkedInputs++;
        }

        Assert.Equal(10_000, checkedInputs);
        Assert.InRange(cleanInputs, 1, checkedInputs - 1);
    }

    /// <summary>Returns true when the input parsed without errors.</summary>
    private static bool Check(string text)
    {
        var source = SourceText.From(text, "fuzz.reft");
        var result = ReftParser.Parse(source);
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.True(diagnostic.Span.Start >= 0 && diagnostic.Span.End <= text.Length, $"span {diagnostic.Span} outside text of length {text.Length}: {diagnostic}");
            Assert.Same(source, diagnostic.Source);
        }
        if (result.Root is null || result.HasErrors)
        {
            Assert.Contains(result.Diagnostics, d => d.IsError);
            return false;
        }
        var formatted = ReftFormatter.Format(source, result.Root);
        var reparsed = ReftParser.Parse(SourceText.From(formatted));
        Assert.True(reparsed.Diagnostics.IsEmpty, "formatted text does not parse:\n" + formatted + "\nfrom:\n" + text);
        Assert.Equal(SyntaxDumper.Dump(result.Root), SyntaxDumper.Dump(reparsed.Root!));
        return true;
    }

    private static string RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    private static string RandomTokens(Random random)
    {
        var builder = new StringBuilder("pipeline p {\n");
        var length = random.Next(0, 200);
        for (var i = 0; i < length; i++)
        {
            builder.Append(Alphabet[random.Next(Alphabet.Length)]);
        }
        return builder.Append("\n}\n").ToString();
    }

    private static string Slice(string text, Random random)
    {
        var start = random.Next(text.Length);
        return text.Substring(start, Math.Min(text.Length - start, random.Next(100, 600)));
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var edits = random.Next(1, 6);
        for (var edit = 0; edit < edits && builder.Length > 1; edit++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0:
                    builder.Remove(at, Math.Min(random.Next(1, 12), builder.Length - at));
                    break;
                case 1:
                    builder.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    var other = random.Next(builder.Length);
                    (builder[at], builder[other]) = (builder[other], builder[at]);
                    break;
            }
        }
        return builder.ToString();
    }
}
