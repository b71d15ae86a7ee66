namespace Reft.Runtime.Training;

/// <summary>"every N steps" of the spec (evaluation, checkpoints): due at each multiple of N and at
/// the last step of the stage, so a stage always ends evaluated and checkpointed.</summary>
public readonly record struct Schedule(int Every)
{
    /// <param name="step">1-based number of the step just completed.</param>
    /// <param name="totalSteps">Steps in the stage.</param>
    public bool IsDue(int step, int totalSteps) => Every > 0 && (step % Every == 0 || step == totalSteps);
}
