namespace Reft.Runtime.Algorithms;

/// <summary>
/// DAPO soft overlong punishment, added to the reward: 0 for len ≤ L_max − L_buf;
/// −(len − (L_max − L_buf)) / L_buf · f inside the buffer; −f beyond L_max.
/// </summary>
public sealed record OverlongShaping(int MaxTokens, int BufferTokens, double Factor = 1.0)
{
    public double Penalty(int length)
    {
        if (BufferTokens <= 0 || BufferTokens > MaxTokens)
            throw new InvalidOperationException($"overlong buffer {BufferTokens} tokens must be in 1..{MaxTokens} (max_tokens)");
        var start = MaxTokens - BufferTokens;
        if (length <= start) return 0;
        if (length > MaxTokens) return -Factor;
        return -(double)(length - start) / BufferTokens * Factor;
    }
}
