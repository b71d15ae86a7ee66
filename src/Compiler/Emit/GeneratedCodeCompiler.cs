using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Reft.Language;
using Reft.Language.Diagnostics;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace Reft.Compiler.Emit;

/// <summary>Generated C# for one spec: what the emitter produces and Roslyn compiles.</summary>
/// <param name="ClassName">The pipeline class, in namespace <see cref="GeneratedCodePolicy.GeneratedNamespace"/>.</param>
/// <param name="Text">The C# source, with <c>#line</c> directives into <paramref name="Spec"/>.</param>
public sealed record GeneratedSource(string ClassName, string Text, SourceText Spec)
{
    public string AssemblyName => GeneratedCodePolicy.GeneratedNamespace + "." + ClassName;

    public string FullTypeName => GeneratedCodePolicy.GeneratedNamespace + "." + ClassName;

    public string FileName => ClassName + ".g.cs";
}

/// <summary>A compiled pipeline assembly (a PE image with its PDB embedded).</summary>
public sealed record CompiledPipeline(GeneratedSource Source, byte[] Image, string CacheKey, bool FromCache);

public sealed record PipelineCompilation(CompiledPipeline? Pipeline, ImmutableArray<Language.Diagnostics.Diagnostic> Diagnostics)
{
    public bool Succeeded => Pipeline is not null;
}

/// <summary>
/// Compiles generated source in memory with Roslyn against the running framework and the runtime,
/// after checking it against <see cref="GeneratedCodePolicy"/>. Any failure here is a bug of the
/// emitter, reported as <c>RFT9nnn</c> at the spec location the <c>#line</c> directives map to.
/// </summary>
public sealed class GeneratedCodeCompiler(string runtimeAssemblyPath, AssemblyCache cache)
{
    /// <summary>How many times this instance ran Roslyn (cache hits do not).</summary>
    public int RoslynCompilations { get; private set; }

    public PipelineCompilation Compile(GeneratedSource source)
    {
        var key = AssemblyCache.Key(source.Text, runtimeAssemblyPath);
        if (cache.TryLoad(key) is { } cached)
        {
            return new PipelineCompilation(new CompiledPipeline(source, cached, key, FromCache: true), []);
        }

        RoslynCompilations++;
        var compilation = CreateCompilation(source);
        var problems = ImmutableArray.CreateBuilder<Language.Diagnostics.Diagnostic>();
        foreach (var diagnostic in compilation.GetDiagnostics().Where(IsReported))
        {
            problems.Add(DiagnosticCatalog.GeneratedCodeInvalid(source.Spec, MapToSpec(source.Spec, diagnostic.Location), Describe(diagnostic)));
        }
        if (problems.Count == 0)
        {
            foreach (var violation in GeneratedCodePolicy.Check(compilation))
            {
                problems.Add(DiagnosticCatalog.GeneratedCodeForbidden(source.Spec, MapToSpec(source.Spec, violation.Location), violation.Symbol));
            }
        }
        if (problems.Count > 0)
        {
            return new PipelineCompilation(null, [.. problems.Distinct()]);
        }

        using var image = new MemoryStream();
        var result = compilation.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        if (!result.Success)
        {
            var failures = result.Diagnostics.Where(IsReported)
                .Select(d => DiagnosticCatalog.GeneratedCodeInvalid(source.Spec, MapToSpec(source.Spec, d.Location), Describe(d)));
            return new PipelineCompilation(null, [.. failures]);
        }
        var bytes = image.ToArray();
        cache.Store(key, bytes);
        return new PipelineCompilation(new CompiledPipeline(source, bytes, key, FromCache: false), []);
    }

    public CSharpCompilation CreateCompilation(GeneratedSource source)
    {
        var tree = CSharpSyntaxTree.ParseText(
            source.Text,
            new CSharpParseOptions(LanguageVersion.Latest),
            path: source.FileName,
            encoding: System.Text.Encoding.UTF8);
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            nullableContextOptions: NullableContextOptions.Enable,
            deterministic: true,
            allowUnsafe: false,
            warningLevel: 9999);
        return CSharpCompilation.Create(source.AssemblyName, [tree], FrameworkReferences.ForRuntime(runtimeAssemblyPath), options);
    }

    /// <summary>Warnings count: generated code must compile cleanly, so a warning is an emitter bug too.</summary>
    private static bool IsReported(RoslynDiagnostic diagnostic) =>
        diagnostic.Severity is RoslynSeverity.Error or RoslynSeverity.Warning;

    private static string Describe(RoslynDiagnostic diagnostic)
    {
        var generated = diagnostic.Location.GetLineSpan();
        return $"{diagnostic.Id} at generated line {generated.StartLinePosition.Line + 1}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>The spec span a <c>#line</c> directive maps a generated location to; the file start when unmapped.</summary>
    private static TextSpan MapToSpec(SourceText spec, Microsoft.CodeAnalysis.Location location)
    {
        var mapped = location.GetMappedLineSpan();
        if (!mapped.HasMappedPath || mapped.Path != spec.Path)
        {
            return new TextSpan(0, 0);
        }
        var line = mapped.StartLinePosition.Line + 1;
        if (line > spec.LineCount)
        {
            return new TextSpan(spec.Length, 0);
        }
        var start = spec.GetLineStart(line) + mapped.StartLinePosition.Character;
        var lineLength = spec.GetLineText(line).Length;
        var end = mapped.EndLinePosition.Line == mapped.StartLinePosition.Line
            ? spec.GetLineStart(line) + Math.Min(mapped.EndLinePosition.Character, lineLength)
            : spec.GetLineStart(line) + lineLength;
        return TextSpan.FromBounds(Math.Min(start, spec.Length), Math.Min(Math.Max(start, end), spec.Length));
    }
}
