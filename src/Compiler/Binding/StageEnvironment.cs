using Reft.Compiler.Plan;

namespace Reft.Compiler.Binding;

/// <summary>
/// What a stage binds against: the pipeline's datasets, rewards, policy and checkpoint. The name
/// lists hold every declaration, also those that failed to bind, so one error does not cascade.
/// </summary>
public sealed record StageEnvironment(
    IReadOnlyDictionary<string, DatasetPlan> Datasets,
    IReadOnlyList<string> DatasetNames,
    IReadOnlyList<RewardPlan> Rewards,
    IReadOnlyList<string> RewardNames,
    ModelConfig? Model,
    CheckpointPhase? Checkpoint);
