using System.Text;
using System.Text.RegularExpressions;
using Reft.Compiler.Emit;
using Reft.Compiler.Tests.Emit;
using Reft.Compiler.Tests.Support;
using Reft.Language;

namespace Reft.Compiler.Tests.Fuzzing;

/// <summary>
/// The parser fuzz feeds broken text; this one feeds specs that parse but mean something odd: the
/// examples with numbers, units and names swapped and lines dropped or repeated. The binder and the
/// checks never throw, every diagnostic points inside the text, and a spec they accept must emit:
/// "a spec that reftc check accepts must run", so an emitter gap (RFT9003) on an accepted spec
/// is a defect. A sample of the accepted ones is compiled by Roslyn too.
/// </summary>
public sealed partial class CompilerFuzzTests : IDisposable
{
    private const int Inputs = 3000;
    private const int RoslynSamples = 6;
    private static readonly string[] Numbers = ["0", "1", "2", "3", "-1", "0.5", "1e-9", "1e9", "64", "7", "100000", "2.5"];
    private static readonly string[] Units = ["prompts", "completions", "tokens", "steps", "layers", "%"];

    private readonly string cacheDirectory = Directory.CreateTempSubdirectory("reft-compiler-fuzz-").FullName;

    public void Dispose() => Directory.Delete(cacheDirectory, recursive: true);

    [Fact]
    public void Three_thousand_mutated_specs_never_crash_and_whatever_checks_cleanly_emits()
    {
        var random = new Random(20261206);
        var specs = SpecFiles().Select(File.ReadAllText).ToArray();
        var accepted = new List<GeneratedSource>();
        var rejected = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var text = Mutate(specs[i % specs.Length], random);
            var source = SourceText.From(text, Path.Combine(ExampleFixtures.Directory, "fuzz.reft"));
            var compiled = ReftCompiler.Compile(source, ExampleFixtures.Directory);
            foreach (var diagnostic in compiled.Diagnostics)
            {
                Assert.True(diagnostic.Span.Start >= 0 && diagnostic.Span.End <= text.Length, $"span {diagnostic.Span} outside the text: {diagnostic}\n{text}");
                Assert.Matches("^RFT[1-4][0-9]{3}$", diagnostic.Code);
            }
            if (compiled.Plan is not { } plan)
            {
                Assert.True(compiled.HasErrors, "no plan and no error");
                rejected++;
                continue;
            }
            try
            {
                accepted.Add(PipelineEmitter.Emit(plan, source));
            }
            catch (NotGeneratedException gap)
            {
                Assert.Fail($"check accepted a spec the emitter cannot build ({gap.What} at {source.ToString(gap.Span)}):\n{text}");
            }
        }

        // Both outcomes must occur, or the mutations test nothing.
        Assert.InRange(rejected, Inputs / 10, Inputs - Inputs / 10);
        var compiler = new GeneratedCodeCompiler(GeneratedCodeCompilerTests.RuntimeAssemblyPath, new AssemblyCache(cacheDirectory));
        foreach (var generated in accepted.DistinctBy(source => source.Text).Take(RoslynSamples))
        {
            var compilation = compiler.Compile(generated);
            Assert.True(compilation.Diagnostics.IsEmpty, Specs.Describe(compilation.Diagnostics) + "\n" + generated.Text);
        }
    }

    private static IEnumerable<string> SpecFiles() =>
        Directory.GetFiles(Specs.ExamplesDirectory, "*.reft")
            .Concat(Directory.GetFiles(EmitBaselineTests.SpecsDirectory, "*.reft").Where(path => !path.EndsWith("emit-broken.reft", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);

    /// <summary>One to three edits that keep the text close to a real spec: a number, a unit or a name swapped, a line dropped or repeated.</summary>
    private static string Mutate(string text, Random random)
    {
        var edits = random.Next(1, 4);
        for (var edit = 0; edit < edits; edit++)
        {
            text = random.Next(5) switch
            {
                0 => ReplaceOne(text, NumberToken(), random, _ => Numbers[random.Next(Numbers.Length)]),
                1 => ReplaceOne(text, UnitToken(), random, _ => Units[random.Next(Units.Length)]),
                2 => ReplaceOne(text, NameToken(), random, _ => NameToken().Matches(text)[random.Next(NameToken().Matches(text).Count)].Value),
                3 => EditLine(text, random, (lines, at) => lines.RemoveAt(at)),
                _ => EditLine(text, random, (lines, at) => lines.Insert(at, lines[at])),
            };
        }
        return text;
    }

    private static string ReplaceOne(string text, Regex pattern, Random random, Func<Match, string> replacement)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0)
            return text;
        var match = matches[random.Next(matches.Count)];
        return new StringBuilder(text).Remove(match.Index, match.Length).Insert(match.Index, replacement(match)).ToString();
    }

    /// <summary>Leaves the first and last line alone, so the pipeline's braces stay and the text still parses mostly.</summary>
    private static string EditLine(string text, Random random, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count < 4)
            return text;
        edit(lines, random.Next(1, lines.Count - 2));
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"(?<![\w.])\d+(\.\d+)?(e-?\d+)?")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"\b(prompts|completions|tokens|steps|layers)\b|%")]
    private static partial Regex UnitToken();

    [GeneratedRegex(@"\b[a-z_][a-z_0-9]*\b")]
    private static partial Regex NameToken();
}
