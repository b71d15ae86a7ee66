using Reft.Compiler.Binding;
using Reft.Compiler.Checks;
using Reft.Compiler.Plan;
using Reft.Language.Parsing;

namespace Reft.Compiler;

/// <summary>The plan (null when any error exists) and every diagnostic of the file, in source order.</summary>
public sealed record CompileResult(TrainingPlan? Plan, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.IsError);

    /// <summary>With --warnings-as-errors: every warning counts as an error and no plan is produced.</summary>
    public CompileResult WithWarningsAsErrors() =>
        Diagnostics.Any(diagnostic => !diagnostic.IsError)
            ? new CompileResult(null, Diagnostics.Select(diagnostic => diagnostic.AsError()).ToImmutableArray())
            : this;
}

/// <summary>The compiler's front door: parse, bind, check, lower to a <see cref="TrainingPlan"/>.</summary>
public static class ReftCompiler
{
    /// <summary>Relative paths in the file resolve against the folder of <see cref="SourceText.Path"/>.</summary>
    public static CompileResult Compile(SourceText source) => Compile(source, BaseDirectoryOf(source));

    public static CompileResult Compile(SourceText source, string baseDirectory)
    {
        var parsed = ReftParser.Parse(source);
        if (parsed.Root is null)
            return new CompileResult(null, Sorted(parsed.Diagnostics));
        var context = new BindContext(source, baseDirectory);
        var plan = new Binder(context).Bind(parsed.Root);
        var diagnostics = parsed.Diagnostics.Concat(context.Diagnostics).Concat(PlanChecks.Run(plan, context.Spans, source));
        var all = Sorted(diagnostics);
        return new CompileResult(all.Any(diagnostic => diagnostic.IsError) ? null : plan, all);
    }

    /// <summary>What <c>reftc check</c> prints: every diagnostic of the file.</summary>
    public static ImmutableArray<Diagnostic> Check(SourceText source) => Compile(source).Diagnostics;

    private static string BaseDirectoryOf(SourceText source)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(source.Path));
        return string.IsNullOrEmpty(directory) ? Directory.GetCurrentDirectory() : directory;
    }

    private static ImmutableArray<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Distinct().OrderBy(diagnostic => diagnostic.Span.Start).ThenBy(diagnostic => diagnostic.Code, StringComparer.Ordinal).ToImmutableArray();
}
