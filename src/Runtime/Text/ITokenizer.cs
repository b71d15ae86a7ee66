namespace Reft.Runtime.Text;

/// <summary>Turns text into token ids and back. Implementations are immutable and thread-safe.</summary>
public interface ITokenizer
{
    /// <summary>One more than the largest id this tokenizer can produce.</summary>
    int VocabSize { get; }

    int? BosId { get; }
    int? EosId { get; }
    int? PadId { get; }

    /// <summary>Ids of the text. Special tokens written literally in the text (e.g. "&lt;|im_end|&gt;")
    /// become their ids; no BOS/EOS is added implicitly.</summary>
    int[] Encode(string text);

    /// <summary>Text of the ids, special tokens included as their text.</summary>
    /// <exception cref="TokenizerException">an id is outside the vocabulary.</exception>
    string Decode(ReadOnlySpan<int> ids);

    /// <summary>The id of a whole token (an added/special token such as "&lt;|eot_id|&gt;", or a vocabulary entry), or null.</summary>
    int? TokenToId(string token);

    /// <summary>True for ids of special tokens (BOS, EOS, PAD, chat markers), which generation treats as control tokens.</summary>
    bool IsSpecial(int id);
}
