namespace Reft.Compiler.Plan;

public enum StageKind
{
    Sft,
    Rl,
}

public enum PhaseKind
{
    Sample,
    Score,
    Advantage,
    Filter,
    Loss,
    Update,
    Log,
    Eval,
    Checkpoint,
}

/// <summary>One edge of a stage's training graph.</summary>
public sealed record PhaseEdge(PhaseKind From, PhaseKind To);

/// <summary>
/// A stage: the graph of its phases, in canonical order. Stages run in order and share the policy.
/// </summary>
public abstract record StagePlan(string Name, StageKind Kind, int Steps, TextSpan Span)
{
    public abstract IEnumerable<PhaseNode> Phases { get; }

    /// <summary>The main chain up to the update, then log, eval and checkpoint branch off the update.</summary>
    public IEnumerable<PhaseEdge> Edges
    {
        get
        {
            var phases = Phases.ToList();
            var chainEnd = phases.FindIndex(phase => phase.Kind == PhaseKind.Update);
            for (var i = 0; i < chainEnd; i++)
                yield return new PhaseEdge(phases[i].Kind, phases[i + 1].Kind);
            foreach (var branch in phases.Skip(chainEnd + 1))
                yield return new PhaseEdge(PhaseKind.Update, branch.Kind);
        }
    }
}

/// <summary>Supervised warm-up: token cross-entropy on prompt → answer pairs, loss on answer tokens only.</summary>
public sealed record SftStagePlan(
    string Name,
    int Steps,
    SftBatchPhase Batch,
    SupervisedLossPhase Loss,
    UpdatePhase Update,
    LogPhase Log,
    EvalPhase? Eval,
    CheckpointPhase? Checkpoint,
    TextSpan Span) : StagePlan(Name, StageKind.Sft, Steps, Span)
{
    public override IEnumerable<PhaseNode> Phases =>
        new PhaseNode?[] { Batch, Loss, Update, Log, Eval, Checkpoint }.OfType<PhaseNode>();
}

/// <summary>An RL stage: sample → score → advantage → filter → loss → update → log / eval / checkpoint.</summary>
public sealed record RlStagePlan(
    string Name,
    int Steps,
    SamplePhase Sample,
    ScorePhase Score,
    AdvantagePhase Advantage,
    FilterPhase Filter,
    LossPhase Loss,
    UpdatePhase Update,
    LogPhase Log,
    EvalPhase? Eval,
    CheckpointPhase? Checkpoint,
    TextSpan Span) : StagePlan(Name, StageKind.Rl, Steps, Span)
{
    public override IEnumerable<PhaseNode> Phases =>
        new PhaseNode?[] { Sample, Score, Advantage, Filter, Loss, Update, Log, Eval, Checkpoint }.OfType<PhaseNode>();
}
