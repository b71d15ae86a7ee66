using Reft.Runtime.Rollout;
using Reft.Runtime.Text;

namespace Reft.Runtime.Pipeline;

/// <summary>Prompt text to rollout tokens, keeping the end of an over-long prompt (where the question usually is).</summary>
public static class PromptEncoding
{
    public static RolloutPrompt Encode(ITokenizer tokenizer, int index, string text, int maxTokens)
    {
        var ids = tokenizer.Encode(text);
        if (ids.Length == 0 && tokenizer.BosId is { } bos) ids = [bos];
        return new RolloutPrompt(index, ids.Length > maxTokens ? ids[^maxTokens..] : ids);
    }
}
