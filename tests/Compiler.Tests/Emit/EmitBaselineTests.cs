using Reft.Compiler.Emit;
using Reft.Compiler.Plan;
using Reft.Compiler.Tests.Baselines;
using Reft.Compiler.Tests.Support;
using Reft.Language;
using Reft.Language.Diagnostics;
using Reft.Language.Parsing;
using Reft.Language.Syntax;

namespace Reft.Compiler.Tests.Emit;

/// <summary>
/// For every example and every spec under Emit/Specs: syntax tree, diagnostics, plan and generated
/// C# as baselines (REFT_UPDATE_BASELINES=1 regenerates them all), and the C# compiles against
/// Reft.Runtime with no warning and nothing outside the sandbox.
/// </summary>
public sealed class EmitBaselineTests : IClassFixture<EmitBaselineTests.CompilerFixture>
{
    private readonly CompilerFixture fixture;

    public EmitBaselineTests(CompilerFixture fixture) => this.fixture = fixture;

    public static string SpecsDirectory => Path.Combine(Specs.RepoRoot, "tests", "Compiler.Tests", "Emit", "Specs");

    /// <summary>(baseline name, path shown in the output) of every spec the emitter is tested on.</summary>
    public static TheoryData<string, string> AllSpecs()
    {
        var data = new TheoryData<string, string>();
        foreach (var example in ExampleFixtures.Names) data.Add(example, $"examples/{example}.reft");
        foreach (var path in Directory.GetFiles(SpecsDirectory, "*.reft").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(path), $"tests/Compiler.Tests/Emit/Specs/{Path.GetFileName(path)}");
        }
        return data;
    }

    /// <summary>
    /// The spec's text under its repository path, compiled against the folder of stand-in models and
    /// data files (which holds copies of the examples), so output is the same on every machine.
    /// </summary>
    public static SourceText Load(string shownPath) =>
        new(shownPath, File.ReadAllText(Path.Combine(Specs.RepoRoot, shownPath)));

    [Theory]
    [MemberData(nameof(AllSpecs))]
    public void Syntax_and_diagnostics_match_baselines(string name, string shownPath)
    {
        var source = Load(shownPath);
        var parsed = ReftParser.Parse(source);
        Baseline.Verify(name + ".syntax.txt", parsed.Root is null ? "no syntax tree\n" : SyntaxDumper.Dump(parsed.Root));
        var compiled = ReftCompiler.Compile(source, ExampleFixtures.Directory);
        Baseline.Verify(name + ".diagnostics.txt", compiled.Diagnostics.IsEmpty ? "no diagnostics\n" : DiagnosticPrinter.Format(compiled.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(AllSpecs))]
    public void Plan_and_generated_code_match_baselines_and_compile_cleanly(string name, string shownPath)
    {
        var source = Load(shownPath);
        var compiled = ReftCompiler.Compile(source, ExampleFixtures.Directory);
        if (compiled.Plan is not { } plan)
        {
            Assert.Contains(compiled.Diagnostics, d => d.IsError);
            return;
        }
        Baseline.Verify(name + ".emit-plan.txt", PlanDumper.Dump(plan, source));
        GeneratedSource generated;
        try
        {
            generated = PipelineEmitter.Emit(plan, source);
        }
        catch (NotGeneratedException gap)
        {
            Baseline.Verify(name + ".g.cs.txt", DiagnosticPrinter.Format(DiagnosticCatalog.NotGenerated(source, gap.Span, gap.What)));
            return;
        }
        Baseline.Verify(name + ".g.cs.txt", generated.Text);

        var result = fixture.Compiler.Compile(generated);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Emitting_twice_gives_identical_text()
    {
        var source = Load("examples/arith.reft");
        var plan = ReftCompiler.Compile(source, ExampleFixtures.Directory).Plan!;

        Assert.Equal(PipelineEmitter.Emit(plan, source).Text, PipelineEmitter.Emit(plan, source).Text);
    }

    public sealed class CompilerFixture : IDisposable
    {
        private readonly string cache = Path.Combine(Path.GetTempPath(), "reft-emit-baselines-" + Guid.NewGuid().ToString("N"));

        public CompilerFixture() => Compiler = new GeneratedCodeCompiler(GeneratedCodeCompilerTests.RuntimeAssemblyPath, new AssemblyCache(cache));

        public GeneratedCodeCompiler Compiler { get; }

        public void Dispose()
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }
}
