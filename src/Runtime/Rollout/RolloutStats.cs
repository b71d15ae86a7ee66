namespace Reft.Runtime.Rollout;

/// <summary>What a rollout cost: generated tokens, decoding steps, wall time, and row compactions.</summary>
public sealed record RolloutStats(long GeneratedTokens, int DecodeSteps, double Seconds, int Compactions)
{
    public double TokensPerSecond => Seconds > 0 ? GeneratedTokens / Seconds : 0;
}
