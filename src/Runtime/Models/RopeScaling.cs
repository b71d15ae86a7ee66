namespace Reft.Runtime.Models;

/// <summary>How rotary frequencies are stretched for contexts longer than pre-training's.</summary>
public enum RopeScalingKind
{
    /// <summary>Position interpolation: every frequency divided by the factor.</summary>
    Linear,

    /// <summary>Llama 3.1's rule: low frequencies divided by the factor, high ones kept, a smooth band between.</summary>
    Llama3,
}

public sealed record RopeScaling(
    RopeScalingKind Kind,
    double Factor,
    double LowFreqFactor = 1.0,
    double HighFreqFactor = 4.0,
    int OriginalMaxPositionEmbeddings = 8192);
