namespace Reft.Runtime.Algorithms;

/// <summary>What the learning rate does after warm-up.</summary>
public enum LearningRateDecay
{
    Constant,
    Cosine,
}

/// <summary>
/// Linear warm-up then constant or cosine decay (0-based steps):
/// lr(s) = peak · (s+1)/W for s &lt; W; after warm-up constant: peak; cosine:
/// min + (peak − min) · ½(1 + cos(π · p)), p = (s − W)/(T − W) clamped to [0, 1].
/// </summary>
public sealed record LearningRateSchedule(double Peak, int WarmupSteps, int TotalSteps, LearningRateDecay Decay = LearningRateDecay.Constant, double Minimum = 0)
{
    public double At(int step)
    {
        if (step < WarmupSteps) return Peak * (step + 1) / WarmupSteps;
        if (Decay == LearningRateDecay.Constant || TotalSteps <= WarmupSteps) return Peak;
        var progress = Math.Clamp((double)(step - WarmupSteps) / (TotalSteps - WarmupSteps), 0, 1);
        return Minimum + (Peak - Minimum) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
