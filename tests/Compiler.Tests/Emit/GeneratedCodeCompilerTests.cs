using System.Reflection;
using Reft.Compiler.Emit;
using Reft.Language;

namespace Reft.Compiler.Tests.Emit;

public sealed class GeneratedCodeCompilerTests : IDisposable
{
    private readonly string cacheDirectory = Path.Combine(Path.GetTempPath(), "reft-emit-tests-" + Guid.NewGuid().ToString("N"));

    public static string RuntimeAssemblyPath => Path.Combine(AppContext.BaseDirectory, "Reft.Runtime.dll");

    private static readonly SourceText Spec = SourceText.From("pipeline demo {\n  seed: 7\n  reward correct = 1\n}\n", "demo.reft");

    public void Dispose()
    {
        if (Directory.Exists(cacheDirectory)) Directory.Delete(cacheDirectory, recursive: true);
    }

    private GeneratedCodeCompiler NewCompiler() => new(RuntimeAssemblyPath, new AssemblyCache(cacheDirectory));

    private static GeneratedSource Source(string body, string className = "Demo") => new(className, $$"""
        #nullable enable
        namespace Reft.Generated;

        public static class {{className}}
        {
        {{body}}
        }
        """, Spec);

    [Fact]
    public void ValidSourceCompilesAndRuns()
    {
        var result = NewCompiler().Compile(Source("    public static int Answer() => new global::System.Collections.Generic.List<int> { 40, 2 }.Sum();").WithUsingLinq());

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var assembly = Assembly.Load(result.Pipeline!.Image);
        var answer = assembly.GetType("Reft.Generated.Demo")!.GetMethod("Answer")!.Invoke(null, null);
        Assert.Equal(42, answer);
    }

    [Fact]
    public void SecondCompileOfSameSourceComesFromCacheWithoutRoslyn()
    {
        var source = Source("    public static int Answer() => 42;");
        var first = NewCompiler();
        var firstResult = first.Compile(source);
        var second = NewCompiler();
        var secondResult = second.Compile(source);

        Assert.False(firstResult.Pipeline!.FromCache);
        Assert.Equal(1, first.RoslynCompilations);
        Assert.True(secondResult.Pipeline!.FromCache);
        Assert.Equal(0, second.RoslynCompilations);
        Assert.Equal(firstResult.Pipeline.Image, secondResult.Pipeline.Image);
    }

    [Fact]
    public void ChangedSourceMissesTheCache()
    {
        var compiler = NewCompiler();
        compiler.Compile(Source("    public static int Answer() => 42;"));
        var changed = compiler.Compile(Source("    public static int Answer() => 43;"));

        Assert.False(changed.Pipeline!.FromCache);
        Assert.Equal(2, compiler.RoslynCompilations);
    }

    [Fact]
    public void CompilationIsDeterministic()
    {
        var source = Source("    public static int Answer() => 42;");
        var a = new GeneratedCodeCompiler(RuntimeAssemblyPath, new AssemblyCache(cacheDirectory + "-a")).Compile(source);
        var b = new GeneratedCodeCompiler(RuntimeAssemblyPath, new AssemblyCache(cacheDirectory + "-b")).Compile(source);
        Directory.Delete(cacheDirectory + "-a", true);
        Directory.Delete(cacheDirectory + "-b", true);

        Assert.Equal(a.Pipeline!.Image, b.Pipeline!.Image);
    }

    [Fact]
    public void CompileErrorIsReportedAtTheSpecLocationOfItsLineDirective()
    {
        var body = """
                public static int Broken()
                {
            #line (3, 3) - (3, 21) "demo.reft"
                    return "not a number";
            #line default
                }
            """;
        var result = NewCompiler().Compile(Source(body));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("RFT9001", diagnostic.Code);
        Assert.Equal(("demo.reft", 3), (diagnostic.Location.Path, diagnostic.Location.Line));
        Assert.Contains("CS0029", diagnostic.Message);
    }

    [Fact]
    public void WarningInGeneratedCodeIsAnError()
    {
        var result = NewCompiler().Compile(Source("    public static int Answer() { int unused = 1; return 42; }"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("RFT9001", diagnostic.Code);
        Assert.Contains("CS0219", diagnostic.Message);
        Assert.Null(result.Pipeline);
    }

    [Theory]
    [InlineData("    public static string Read() => global::System.IO.File.ReadAllText(\"/etc/passwd\");", "System.IO.File")]
    [InlineData("    public static void Start() => global::System.Diagnostics.Process.Start(\"sh\");", "System.Diagnostics.Process")]
    [InlineData("    public static object Load() => typeof(int).Assembly;", "System.Type")]
    [InlineData("    public static string? Home() => global::System.Environment.GetEnvironmentVariable(\"HOME\");", "System.Environment")]
    [InlineData("    public static object Make() => global::System.Activator.CreateInstance(typeof(object))!;", "System.Activator")]
    [InlineData("    public static int Size() => global::System.Runtime.InteropServices.Marshal.SizeOf<int>();", "System.Runtime.InteropServices.Marshal")]
    [InlineData("    public static object Client() => new global::System.Net.Http.HttpClient();", "System.Net.Http.HttpClient")]
    public void ForbiddenApisAreRejected(string body, string offender)
    {
        var result = NewCompiler().Compile(Source(body));

        Assert.Null(result.Pipeline);
        Assert.Contains(result.Diagnostics, d => d.Code == "RFT9002" && d.Message.Contains(offender));
    }

    [Fact]
    public void SafeBaseLibraryAndStopwatchAreAllowed()
    {
        var body = """
                public static double Elapsed()
                {
                    var watch = global::System.Diagnostics.Stopwatch.StartNew();
                    var text = new global::System.Text.StringBuilder().Append(global::System.Math.Max(1, 2)).ToString();
                    return watch.Elapsed.TotalSeconds + double.Parse(text, global::System.Globalization.CultureInfo.InvariantCulture);
                }
            """;
        var result = NewCompiler().Compile(Source(body));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }
}

internal static class GeneratedSourceTestExtensions
{
    public static GeneratedSource WithUsingLinq(this GeneratedSource source) =>
        source with { Text = "using System.Linq;\n" + source.Text };
}
