using Reft.Compiler.Binding.Expressions;

namespace Reft.Compiler.Plan;

/// <summary>A node of a stage's training graph; Span points at the knob that shaped it most.</summary>
public abstract record PhaseNode(PhaseKind Kind, TextSpan Span);

/// <summary>SFT: the next <see cref="BatchPrompts"/> prompt → <see cref="TargetField"/> pairs of the data set.</summary>
public sealed record SftBatchPhase(string Dataset, string TargetField, int BatchPrompts, int MaxSequenceTokens, TextSpan Span) : PhaseNode(PhaseKind.Sample, Span);

/// <summary>SFT: token cross-entropy over the target tokens, averaged over them; with <see cref="LayerDrop"/>, of a layer-dropped model.</summary>
public sealed record SupervisedLossPhase(int MicroPrompts, LayerDropPlan? LayerDrop, TextSpan Span) : PhaseNode(PhaseKind.Loss, Span);

/// <summary>
/// Rollout: <see cref="BatchPrompts"/> prompts × <see cref="Group"/> completions per optimizer step,
/// generated in chunks of <see cref="SampleChunkPrompts"/> prompts (DASH preemptive sampling when equal to the batch).
/// </summary>
public sealed record SamplePhase(
    string Dataset,
    int BatchPrompts,
    int Group,
    int SampleChunkPrompts,
    SamplingPlan Sampling,
    BehaviourPlan Behaviour,
    TextSpan Span) : PhaseNode(PhaseKind.Sample, Span)
{
    public int BatchCompletions => BatchPrompts * Group;
}

/// <summary>TopK 0 means off; MaxPromptTokens truncates prompts from the left.</summary>
public sealed record SamplingPlan(double Temperature, double TopP, int TopK, int MaxTokens, int MaxPromptTokens, EquatableArray<string> Stop);

public abstract record BehaviourPlan(TextSpan Span)
{
    public abstract bool IsOffPolicy { get; }
}

/// <summary>The full current model generates (on-policy).</summary>
public sealed record FullBehaviour(TextSpan Span) : BehaviourPlan(Span)
{
    public override bool IsOffPolicy => false;
}

public enum SkipRedraw
{
    /// <summary>A new skip set per rollout batch.</summary>
    Batch,
    /// <summary>A new skip set per optimizer step.</summary>
    Step,
}

/// <summary>Nested-ReFT: the policy with <see cref="Skip"/> layers skipped generates; no skipping before <see cref="DelaySteps"/>.</summary>
public sealed record NestedBehaviour(SkipPlan Skip, SkipRedraw Every, int DelaySteps, TextSpan Span) : BehaviourPlan(Span)
{
    public override bool IsOffPolicy => true;
}

/// <summary>A Fraction of each group's completions comes from a logged dataset (its completion field), the rest from the policy.</summary>
public sealed record DatasetBehaviour(string Dataset, double Fraction, TextSpan Span) : BehaviourPlan(Span)
{
    public override bool IsOffPolicy => true;
}

/// <summary>Rollouts come from the policy as it was <see cref="LagSteps"/> optimizer steps ago.</summary>
public sealed record StaleBehaviour(int LagSteps, TextSpan Span) : BehaviourPlan(Span)
{
    public override bool IsOffPolicy => true;
}

public enum SkipSelection
{
    /// <summary>A uniformly random subset of the skippable layers.</summary>
    Random,
    /// <summary>A contiguous block of skippable layers at a random offset.</summary>
    Contiguous,
    /// <summary>Exactly <see cref="SkipPlan.FixedLayers"/> (0-based).</summary>
    Fixed,
}

/// <summary>
/// How many layers to skip (MinLayers..MaxLayers, drawn uniformly; a ratio is resolved against the
/// model depth at compile time) and which may be skipped: layers [KeepFirst, depth − KeepLast).
/// </summary>
public sealed record SkipPlan(SkipSelection Selection, int MinLayers, int MaxLayers, int KeepFirst, int KeepLast, EquatableArray<int> FixedLayers, TextSpan Span);

/// <summary>Reward terms, plus reward shaping that needs the completion length or a reference model.</summary>
public sealed record ScorePhase(EquatableArray<string> Rewards, OverlongPlan? Overlong, KlPlan? KlPenalty, TextSpan Span) : PhaseNode(PhaseKind.Score, Span);

/// <summary>DAPO overlong shaping: −(len − (max_tokens − Buffer)) / Buffer · Factor inside the buffer zone.</summary>
public sealed record OverlongPlan(int BufferTokens, double Factor);

public enum AdvantageEstimator
{
    /// <summary>GRPO family: R_i against the group's mean (and scale).</summary>
    Group,
    /// <summary>AGRO: z_i = R_i − β ℓ_i against the group mean of z.</summary>
    Agro,
}

public enum AdvantageScale
{
    Std,
    None,
    BatchStd,
}

public sealed record AdvantagePhase(AdvantageEstimator Estimator, AdvantageScale Scale, double? AgroBeta, TextSpan Span) : PhaseNode(PhaseKind.Advantage, Span);

public enum EmptyBatchPolicy
{
    /// <summary>Skip the optimizer step and count it.</summary>
    Skip,
}

/// <summary>
/// Row filters before backprop. Gradient is the DASH predicate (true keeps a completion) with
/// AbsAdvantageAbove set when it has the canonical form <c>abs(advantage) &gt; τ</c>.
/// </summary>
public sealed record FilterPhase(
    GradientFilterPlan? Gradient,
    DynamicSamplingPlan? Dynamic,
    bool MaskTruncated,
    EmptyBatchPolicy WhenEmpty,
    TextSpan Span) : PhaseNode(PhaseKind.Filter, Span);

public sealed record GradientFilterPlan(BoundExpression Predicate, double? AbsAdvantageAbove, TextSpan Span);

/// <summary>DAPO: drop groups whose rewards are all equal and sample again, at most MaxRounds times.</summary>
public sealed record DynamicSamplingPlan(int MaxRounds);

public enum PolicyLossKind
{
    /// <summary>PPO clipped surrogate with ratio π_θ/π_old (or π_θ/μ under behaviour_ratio).</summary>
    ClippedSurrogate,
    /// <summary>Vanilla policy gradient: −A log π_θ.</summary>
    Reinforce,
    /// <summary>AGRO: −(1/G) Σ_i A_i Σ_t log π_θ.</summary>
    Agro,
}

public sealed record ClipPlan(double Low, double High, double? DualClip);

public enum CorrectionKind
{
    None,
    TruncatedIs,
    MaskedIs,
    Retrace,
    BehaviourRatio,
}

public enum CorrectionLevel
{
    Token,
    Sequence,
}

/// <summary>
/// Off-policy correction (ALGORITHMS.md §5). Max: truncation/masking threshold (or the cap on
/// π_θ/μ for behaviour_ratio); Min: lower masking bound of masked_is; Lambda for retrace.
/// Declared is false when the spec did not write a correction.
/// </summary>
public sealed record CorrectionPlan(CorrectionKind Kind, double? Max, double? Min, CorrectionLevel Level, double? Lambda, bool Declared, TextSpan Span);

public enum KlEstimator
{
    K1,
    K2,
    K3,
}

public enum KlPlacement
{
    Loss,
    Reward,
}

public sealed record KlPlan(KlEstimator Estimator, double Beta, KlPlacement Placement, TextSpan Span);

public enum LossAggregation
{
    TokenMean,
    SeqMeanTokenMean,
    SeqMeanTokenSum,
    Constant,
}

/// <summary>
/// The per-token policy loss and how it is reduced. ConstantDivisor is set for <c>constant(C)</c>.
/// Kl is the KL added to the loss (null when off or placed in the reward).
/// </summary>
public sealed record LossPhase(
    string Objective,
    PolicyLossKind PolicyLoss,
    ClipPlan Clip,
    CorrectionPlan Correction,
    KlPlan? Kl,
    LossAggregation Aggregation,
    double? ConstantDivisor,
    int Epochs,
    int MicroPrompts,
    TextSpan Span) : PhaseNode(PhaseKind.Loss, Span);

public enum LrSchedule
{
    Constant,
    Cosine,
}

public sealed record OptimizerPlan(double Lr, double Beta1, double Beta2, double Epsilon, double WeightDecay, int WarmupSteps, LrSchedule Schedule, double? GradClip, TextSpan Span);

public sealed record UpdatePhase(OptimizerPlan Optimizer, TextSpan Span) : PhaseNode(PhaseKind.Update, Span);

public sealed record LogPhase(int EverySteps, TextSpan Span) : PhaseNode(PhaseKind.Log, Span);

/// <summary>A metric: an expression over reward means, evaluated on the eval set.</summary>
public sealed record MetricPlan(string Name, BoundExpression Expression, TextSpan Span);

public sealed record EvalPhase(int EverySteps, string Dataset, int? Limit, EquatableArray<MetricPlan> Metrics, TextSpan Span) : PhaseNode(PhaseKind.Eval, Span);

/// <summary>Atomic, resumable checkpoints every EverySteps, keeping the newest Keep, under Directory (absolute).</summary>
public sealed record CheckpointPhase(int EverySteps, int Keep, string Directory, TextSpan Span) : PhaseNode(PhaseKind.Checkpoint, Span);
