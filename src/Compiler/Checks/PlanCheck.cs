using Reft.Compiler.Binding;
using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Checks;

/// <summary>What a rule family sees: the bound plan, where each knob was written, and a sink.</summary>
public sealed class CheckContext(TrainingPlan plan, SpanIndex spans, SourceText source)
{
    private readonly List<Diagnostic> diagnostics = new();

    public TrainingPlan Plan { get; } = plan;

    public SourceText Source { get; } = source;

    public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

    public void Report(Diagnostic diagnostic) => diagnostics.Add(diagnostic);

    /// <summary>The span of a knob as written in a stage (or the pipeline), falling back to the owner's span.</summary>
    public TextSpan At(string owner, string path, TextSpan fallback) => spans.Of(owner, path, fallback);

    public TextSpan At(StagePlan stage, string path) => spans.Of(stage.Name, path, stage.Span);

    public TextSpan At(StagePlan stage, string path, TextSpan fallback) => spans.Of(stage.Name, path, fallback);

    /// <summary>
    /// Whether every stage knob a rule reads bound; a rule skips itself otherwise, since the plan holds
    /// a placeholder there and the binder already reported why (so no error ever causes another).
    /// </summary>
    public bool Bound(StagePlan stage, params Knob[] knobs) => knobs.All(knob => spans.IsBound(stage.Name, knob.Path));

    /// <summary>Pipeline parts: <see cref="Placeholders.Policy"/>, <see cref="Placeholders.Stages"/>, prompt, checkpoint.</summary>
    public bool PipelineBound(params string[] paths) => paths.All(path => spans.IsBound("pipeline", path));

    /// <summary>Whether rules may read the policy's depth and context: it bound and <see cref="ModelShapeCheck"/> found its sizes positive.</summary>
    public bool PolicyShapeKnown => PipelineBound(Placeholders.Policy) && ModelShapeCheck.SizesPositive(Plan.Policy.Config);
}

/// <summary>One family of pipeline rules (RFT4xxx) over the bound plan.</summary>
public interface IPlanCheck
{
    void Run(CheckContext context);
}

public static class PlanChecks
{
    public static readonly ImmutableArray<IPlanCheck> All =
    [
        new ModelShapeCheck(),
        new BatchShapeCheck(),
        new ClipCheck(),
        new OptimizerCheck(),
        new SamplingCheck(),
        new ReferenceModelCheck(),
        new BehaviourCheck(),
        new LayerDropCheck(),
        new FilterCheck(),
        new IntervalCheck(),
        new RewardCheck(),
    ];

    public static IReadOnlyList<Diagnostic> Run(TrainingPlan plan, SpanIndex spans, SourceText source)
    {
        var context = new CheckContext(plan, spans, source);
        foreach (var check in All)
            check.Run(context);
        return context.Diagnostics;
    }

    public static string Format(double value) => ValueReader.Format(value);

    public static IEnumerable<RlStagePlan> RlStages(this TrainingPlan plan) => plan.Stages.OfType<RlStagePlan>();
}
