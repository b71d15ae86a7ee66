using Reft.Compiler.Binding.Expressions;

namespace Reft.Compiler.Plan;

/// <summary>
/// The meaning of one <c>.reft</c> file with every default and preset resolved: the only input of
/// the code generator. Paths are absolute (resolved against <see cref="BaseDirectory"/>).
/// </summary>
public sealed record TrainingPlan(
    string Name,
    string SourcePath,
    string BaseDirectory,
    int Seed,
    DevicePlan Device,
    Precision Precision,
    ModelPlan Policy,
    ReferencePlan? Reference,
    EquatableArray<DatasetPlan> Datasets,
    PromptPlan Prompt,
    EquatableArray<RewardPlan> Rewards,
    EquatableArray<StagePlan> Stages,
    CheckpointPhase? Checkpoint,
    TextSpan Span)
{
    public DatasetPlan Dataset(string name) => Datasets.First(dataset => dataset.Name == name);

    public RewardPlan Reward(string name) => Rewards.First(reward => reward.Name == name);
}

public enum DeviceKind
{
    Auto,
    Cpu,
    Cuda,
}

/// <summary><c>auto</c> picks CUDA when present, else the CPU; Index is set for <c>cuda:N</c>.</summary>
public sealed record DevicePlan(DeviceKind Kind, int? Index, TextSpan Span)
{
    public override string ToString() => Kind switch
    {
        DeviceKind.Cuda when Index is { } index => $"cuda:{index}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

public enum Precision
{
    Fp32,
    Bf16,
}

public static class PrecisionExtensions
{
    public static int BytesPerValue(this Precision precision) => precision == Precision.Bf16 ? 2 : 4;
}

/// <summary>A frozen copy of another model (the policy's initial weights), used by KL and AGRO.</summary>
public sealed record ReferencePlan(string Name, string FrozenFrom, TextSpan Span);

/// <summary>A reward term: Σ weight · value over all terms gives a completion's reward.</summary>
public sealed record RewardPlan(string Name, BoundExpression Expression, double Weight, bool DependsOnCompletion, TextSpan Span);
