using Reft.Compiler.Plan;

namespace Reft.Compiler.Emit;

/// <summary>Everything a spec became on its way to an assembly; later parts are null when an earlier one failed.</summary>
public sealed record PipelineBuild(TrainingPlan? Plan, GeneratedSource? Source, CompiledPipeline? Pipeline, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.IsError);
}

/// <summary>The whole compiler pipeline: check the spec, lower it to a plan, emit C#, compile it.</summary>
public static class PipelineBuilder
{
    /// <summary>Spec → plan → C#, without Roslyn (what <c>reftc build</c> writes as .g.cs).</summary>
    public static PipelineBuild Generate(SourceText spec)
    {
        var compiled = ReftCompiler.Compile(spec);
        if (compiled.Plan is not { } plan)
        {
            return new PipelineBuild(null, null, null, compiled.Diagnostics);
        }
        try
        {
            return new PipelineBuild(plan, PipelineEmitter.Emit(plan, spec), null, compiled.Diagnostics);
        }
        catch (NotGeneratedException gap)
        {
            return new PipelineBuild(plan, null, null, compiled.Diagnostics.Add(DiagnosticCatalog.NotGenerated(spec, gap.Span, gap.What)));
        }
    }

    /// <summary>Spec → assembly (from the cache when this exact source was compiled before).</summary>
    public static PipelineBuild Build(SourceText spec, GeneratedCodeCompiler compiler)
    {
        var generated = Generate(spec);
        if (generated.Source is not { } source)
        {
            return generated;
        }
        var compilation = compiler.Compile(source);
        return generated with { Pipeline = compilation.Pipeline, Diagnostics = generated.Diagnostics.AddRange(compilation.Diagnostics) };
    }
}
