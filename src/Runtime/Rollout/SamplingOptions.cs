namespace Reft.Runtime.Rollout;

/// <summary>
/// How completions are drawn. Temperature divides the logits; top-k keeps the k most likely
/// tokens; top-p keeps the smallest set of most likely tokens whose probability reaches p;
/// greedy takes the most likely token. A completion ends at an end-of-sequence token, at a stop
/// string, or after <see cref="MaxNewTokens"/> (then it is marked truncated).
/// </summary>
public sealed record SamplingOptions
{
    public double Temperature { get; init; } = 1.0;

    /// <summary>1 keeps the whole distribution.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>0 keeps every token.</summary>
    public int TopK { get; init; }

    public bool Greedy { get; init; }

    public int MaxNewTokens { get; init; } = 64;

    /// <summary>Texts that end a completion; the completion's text is cut before the stop string.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>End-of-sequence ids; null takes the model config's and the tokenizer's.</summary>
    public IReadOnlyList<int>? EosTokenIds { get; init; }

    /// <summary>The first inconsistency, phrased with its fix; null when the options are usable.</summary>
    public string? FindProblem() =>
        Temperature <= 0 || double.IsNaN(Temperature) ? $"temperature {Temperature} must be positive (use greedy for argmax decoding)"
        : TopP is <= 0 or > 1 || double.IsNaN(TopP) ? $"top_p {TopP} must lie in (0, 1]"
        : TopK < 0 ? $"top_k {TopK} must be 0 (off) or positive"
        : MaxNewTokens < 1 ? $"max_tokens {MaxNewTokens} must be at least 1"
        : Stop.Any(string.IsNullOrEmpty) ? "stop strings must not be empty"
        : null;
}
