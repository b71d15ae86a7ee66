namespace Reft.Runtime.Training.Metrics;

/// <summary>Mean and standard deviation of one reward term over a rollout batch.</summary>
public readonly record struct TermStats(double Mean, double Std);

/// <summary>Wall time of one step split by phase, in seconds.</summary>
public readonly record struct PhaseTimes(double Sampling, double Scoring, double Backprop, double Optimizer, double Total)
{
    /// <summary>Time not attributed to a phase (data loading, logging, evaluation, checkpoints).</summary>
    public double Other => Math.Max(0, Total - Sampling - Scoring - Backprop - Optimizer);
}

/// <summary>
/// Everything one training step reports (ALGORITHMS.md §10): one line of metrics.jsonl. Metrics
/// that a stage does not produce (an SFT stage has no reward, a run without a reference model has
/// no KL) stay null and are written as null, so every line has the same fields.
/// </summary>
public sealed record StepMetrics
{
    public required string Stage { get; init; }

    /// <summary>Position of the stage in the pipeline (0-based); orders lines across stages.</summary>
    public required int StageIndex { get; init; }

    /// <summary>1-based number of the step within its stage.</summary>
    public required int Step { get; init; }

    public double? RewardMean { get; init; }
    public double? RewardStd { get; init; }

    /// <summary>Statistics of each named reward term of the spec.</summary>
    public IReadOnlyDictionary<string, TermStats> RewardTerms { get; init; } = new Dictionary<string, TermStats>();

    public double? Accuracy { get; init; }

    public double? AdvantageMean { get; init; }
    public double? AdvantageStd { get; init; }
    public double? AdvantageMin { get; init; }
    public double? AdvantageMax { get; init; }

    /// <summary>Fraction of completions dropped before backprop (DASH gradient filtering).</summary>
    public double? FractionFiltered { get; init; }

    public double? Loss { get; init; }
    public double? GradNorm { get; init; }
    public double? LearningRate { get; init; }

    /// <summary>Fraction of tokens whose ratio hit the lower / upper clip bound.</summary>
    public double? ClipFractionLow { get; init; }
    public double? ClipFractionHigh { get; init; }

    /// <summary>Importance weights π_old/μ of an off-policy correction (§5).</summary>
    public double? RhoMean { get; init; }
    public double? RhoMax { get; init; }

    /// <summary>Fraction of weights truncated or masked by the correction.</summary>
    public double? RhoFractionClipped { get; init; }

    /// <summary>Estimated KL(μ‖π_old) of the behaviour policy.</summary>
    public double? BehaviourKl { get; init; }

    /// <summary>KL to the reference model, when the spec has one.</summary>
    public double? ReferenceKl { get; init; }

    /// <summary>Mean completion length in tokens of correct and of wrong completions.</summary>
    public double? LengthCorrect { get; init; }
    public double? LengthWrong { get; init; }

    public double? RolloutTokensPerSecond { get; init; }
    public double? LearnerTokensPerSecond { get; init; }

    public PhaseTimes Time { get; init; }

    /// <summary>Layers skipped by the behaviour model for this step's rollouts (Nested-ReFT).</summary>
    public IReadOnlyList<int>? SkipSet { get; init; }

    /// <summary>Why the optimizer step was skipped ("non_finite", "empty_after_filter"), or null.</summary>
    public string? StepSkipped { get; init; }

    /// <summary>Evaluation result when an evaluation ran at this step.</summary>
    public string? EvalMetric { get; init; }
    public double? EvalScore { get; init; }
}
