using System.Globalization;
using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Explain;

/// <summary>One-line summaries of phases, shared by the text tree and the Mermaid/DOT pictures.</summary>
public static class PhaseText
{
    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Name(PhaseKind kind) => kind.ToString().ToLowerInvariant();

    public static string Describe(PhaseNode phase) => phase switch
    {
        SftBatchPhase batch => $"{batch.BatchPrompts} prompts of {batch.Dataset} → {batch.TargetField}, sequences ≤ {batch.MaxSequenceTokens} tokens",
        SupervisedLossPhase loss => $"cross-entropy on target tokens, micro {loss.MicroPrompts} prompts"
            + (loss.LayerDrop is { } drop ? $", layer drop {F(drop.Probability)} (keep_first {drop.KeepFirst}, keep_last {drop.KeepLast})" : ""),
        SamplePhase sample => $"{sample.BatchPrompts} prompts × {sample.Group} completions of {sample.Dataset} in chunks of {sample.SampleChunkPrompts} prompts; "
            + $"temperature {F(sample.Sampling.Temperature)}, top_p {F(sample.Sampling.TopP)}, top_k {sample.Sampling.TopK}, "
            + $"max_tokens {sample.Sampling.MaxTokens}, max_prompt_tokens {sample.Sampling.MaxPromptTokens}; behaviour {Behaviour(sample.Behaviour)}",
        ScorePhase score => "rewards " + string.Join(", ", score.Rewards)
            + (score.Overlong is { } overlong ? $"; overlong shaping buffer {overlong.BufferTokens} tokens, factor {F(overlong.Factor)}" : "")
            + (score.KlPenalty is { } kl ? $"; reward −= {Kl(kl)}" : ""),
        AdvantagePhase advantage => advantage.Estimator == AdvantageEstimator.Agro
            ? $"agro, beta {F(advantage.AgroBeta ?? 0)}"
            : $"group, scale {Snake(advantage.Scale.ToString())}",
        FilterPhase filter => Filter(filter),
        LossPhase loss => $"{loss.Objective}: {Snake(loss.PolicyLoss.ToString())}, clip {F(loss.Clip.Low)}..{F(loss.Clip.High)}"
            + (loss.Clip.DualClip is { } dual ? $", dual clip {F(dual)}" : "")
            + $", correction {Correction(loss.Correction)}, kl {(loss.Kl is { } kl ? Kl(kl) : "none")}, "
            + $"aggregation {Snake(loss.Aggregation.ToString())}{(loss.ConstantDivisor is { } c ? $"({F(c)})" : "")}, epochs {loss.Epochs}, micro {loss.MicroPrompts} prompts",
        UpdatePhase update => $"adamw lr {F(update.Optimizer.Lr)}, betas {F(update.Optimizer.Beta1)}/{F(update.Optimizer.Beta2)}, "
            + $"weight_decay {F(update.Optimizer.WeightDecay)}, warmup {update.Optimizer.WarmupSteps} steps, {update.Optimizer.Schedule.ToString().ToLowerInvariant()}, "
            + $"grad_clip {(update.Optimizer.GradClip is { } clip ? F(clip) : "none")}",
        LogPhase log => $"every {log.EverySteps} steps",
        EvalPhase eval => $"every {eval.EverySteps} steps on {eval.Dataset}{(eval.Limit is { } limit ? $" (first {limit})" : "")}: "
            + string.Join(", ", eval.Metrics.Select(metric => metric.Name)),
        CheckpointPhase checkpoint => $"every {checkpoint.EverySteps} steps, keep {checkpoint.Keep}",
        _ => phase.Kind.ToString(),
    };

    /// <summary>BatchStd → batch_std: enum names as the .reft file spells them.</summary>
    public static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string Behaviour(BehaviourPlan behaviour) => behaviour switch
    {
        NestedBehaviour nested => $"nested({nested.Skip.Selection.ToString().ToLowerInvariant()} {Skip(nested.Skip)} layers, keep first {nested.Skip.KeepFirst} / last {nested.Skip.KeepLast}, "
            + $"new set every {nested.Every.ToString().ToLowerInvariant()}{(nested.DelaySteps > 0 ? $", from step {nested.DelaySteps}" : "")})",
        StaleBehaviour stale => $"stale({stale.LagSteps} steps)",
        DatasetBehaviour replay => $"dataset({replay.Dataset}, {replay.Fraction:P0} of each group)",
        _ => "full",
    };

    private static string Skip(SkipPlan skip) => skip.Selection == SkipSelection.Fixed
        ? "[" + string.Join(", ", skip.FixedLayers) + "]"
        : skip.MinLayers == skip.MaxLayers ? skip.MinLayers.ToString(CultureInfo.InvariantCulture) : $"{skip.MinLayers}..{skip.MaxLayers}";

    private static string Kl(KlPlan kl) => $"{kl.Estimator.ToString().ToLowerInvariant()}({F(kl.Beta)})";

    private static string Correction(CorrectionPlan correction) => correction.Kind switch
    {
        CorrectionKind.TruncatedIs => $"truncated_is(max {F(correction.Max ?? 0)}, {correction.Level.ToString().ToLowerInvariant()})",
        CorrectionKind.MaskedIs => $"masked_is(min {F(correction.Min ?? 0)}, max {F(correction.Max ?? 0)}, {correction.Level.ToString().ToLowerInvariant()})",
        CorrectionKind.BehaviourRatio when correction.Max is { } cap => $"behaviour_ratio(max {F(cap)})",
        CorrectionKind.Retrace => $"retrace(lambda {F(correction.Lambda ?? 0)})",
        _ => Snake(correction.Kind.ToString()),
    };

    private static string Filter(FilterPhase filter)
    {
        var parts = new List<string>();
        if (filter.Gradient is { } gradient)
            parts.Add("keep " + BoundExpressionText.Render(gradient.Predicate));
        if (filter.Dynamic is { } dynamic)
            parts.Add($"dynamic sampling ≤ {dynamic.MaxRounds} rounds");
        if (filter.MaskTruncated)
            parts.Add("mask truncated");
        return parts.Count == 0 ? "none" : string.Join("; ", parts) + $"; when empty: {filter.WhenEmpty.ToString().ToLowerInvariant()}";
    }
}
