using Reft.Compiler.Plan;

namespace Reft.Compiler.Binding.Knobs;

/// <summary>
/// What an objective preset sets; explicit knobs in the stage override it. Filters: DAPO turns on
/// dynamic sampling and overlong shaping.
/// </summary>
public sealed record ObjectivePreset(
    string Name,
    PolicyLossKind PolicyLoss,
    AdvantageEstimator Estimator,
    AdvantageScale Scale,
    double ClipLow,
    double ClipHigh,
    LossAggregation Aggregation,
    bool DynamicSampling,
    bool OverlongShaping,
    string Source);

public static class ObjectivePresets
{
    public static readonly ImmutableArray<ObjectivePreset> All =
    [
        new("grpo", PolicyLossKind.ClippedSurrogate, AdvantageEstimator.Group, AdvantageScale.Std, 0.2, 0.2, LossAggregation.TokenMean, false, false,
            "GRPO (Shao et al. 2024) with token-level aggregation; write loss: seq_mean_token_mean for the original"),
        new("dr_grpo", PolicyLossKind.ClippedSurrogate, AdvantageEstimator.Group, AdvantageScale.None, 0.2, 0.2, LossAggregation.Constant, false, false,
            "Dr. GRPO (Liu et al. 2025): no std scaling, constant(max_tokens) aggregation"),
        new("dapo", PolicyLossKind.ClippedSurrogate, AdvantageEstimator.Group, AdvantageScale.Std, 0.2, 0.28, LossAggregation.TokenMean, true, true,
            "DAPO (Yu et al. 2025): clip-higher, dynamic sampling, token-level loss, overlong shaping"),
        new("reinforce", PolicyLossKind.Reinforce, AdvantageEstimator.Group, AdvantageScale.None, 0.2, 0.2, LossAggregation.TokenMean, false, false,
            "REINFORCE with the group mean as baseline; no ratio, so clip is unused"),
        new("agro", PolicyLossKind.Agro, AdvantageEstimator.Agro, AdvantageScale.None, 0.2, 0.2, LossAggregation.SeqMeanTokenSum, false, false,
            "AGRO (Tang et al. 2025), agro(beta: β): needs a reference model and β > 0"),
    ];

    public static ObjectivePreset? Find(string name) => All.FirstOrDefault(preset => preset.Name == name);
}
