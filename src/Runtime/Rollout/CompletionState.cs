using Reft.Runtime.Text;

namespace Reft.Runtime.Rollout;

/// <summary>One row's completion while it is being generated: its tokens, their log μ, and how it ended.</summary>
internal sealed class CompletionState(ITokenizer tokenizer, IReadOnlySet<int> endOfSequence, IReadOnlyList<string> stops)
{
    private readonly int longestStop = stops.Count == 0 ? 0 : stops.Max(stop => stop.Length);
    private int checkedTextLength;

    public List<int> Tokens { get; } = [];

    public List<float> LogProbs { get; } = [];

    public bool Finished { get; private set; }

    public bool Truncated { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>Appends a sampled token; <paramref name="lastAllowed"/> says the token limit is reached.</summary>
    public void Add(int token, float logProb, bool lastAllowed)
    {
        Tokens.Add(token);
        LogProbs.Add(logProb);
        if (endOfSequence.Contains(token))
        {
            Finished = true;
            Text = Decode(Tokens.Count - 1);
            return;
        }

        if (stops.Count > 0 && EndsAtStop())
        {
            Finished = true;
            return;
        }

        if (lastAllowed)
        {
            Finished = true;
            Truncated = true;
            Text = Decode(Tokens.Count);
        }
    }

    /// <summary>Looks for a stop string that the latest token completed; only text new since the last look can hold one.</summary>
    private bool EndsAtStop()
    {
        var text = Decode(Tokens.Count);
        var searchFrom = Math.Max(0, checkedTextLength - longestStop + 1);
        checkedTextLength = text.Length;
        var cut = stops.Select(stop => text.IndexOf(stop, searchFrom, StringComparison.Ordinal)).Where(index => index >= 0).DefaultIfEmpty(-1).Min();
        if (cut < 0)
        {
            return false;
        }

        Text = text[..cut];
        return true;
    }

    /// <summary>Ids the model can produce but the tokenizer does not know (padding rows of a rounded-up vocabulary) have no text.</summary>
    private string Decode(int count) =>
        tokenizer.Decode(Tokens.Take(count).Where(id => id >= 0 && id < tokenizer.VocabSize).ToArray());
}
