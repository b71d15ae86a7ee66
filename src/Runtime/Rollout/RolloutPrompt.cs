using Reft.Runtime.Text;

namespace Reft.Runtime.Rollout;

/// <summary>A prompt to complete: its index in the data set and its token ids.</summary>
public sealed record RolloutPrompt(int Index, IReadOnlyList<int> TokenIds)
{
    public static RolloutPrompt Encode(ITokenizer tokenizer, int index, string text) => new(index, tokenizer.Encode(text));
}
