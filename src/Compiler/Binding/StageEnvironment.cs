using Reft.Compiler.Plan;

namespace Reft.Compiler.Binding;

/// <summary>What a stage binds against: the pipeline's datasets, rewards, policy and checkpoint.</summary>
public sealed record StageEnvironment(
    IReadOnlyDictionary<string, DatasetPlan> Datasets,
    IReadOnlyList<string> DatasetNames,
    IReadOnlyList<RewardPlan> Rewards,
    ModelConfig? Model,
    CheckpointPhase? Checkpoint);
