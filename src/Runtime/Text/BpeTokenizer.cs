using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Reft.Runtime.Text;

/// <summary>
/// Byte-level BPE (GPT-2, Llama 3, Qwen2/3). Encoding: added tokens are split out first; the text
/// between them is normalised (NFC where declared), split into words by the pre-tokenizer regexes,
/// each word's UTF-8 bytes mapped to GPT-2's byte characters and merged pair by pair, lowest merge
/// rank first. Word encodings are cached. No BOS/EOS is added implicitly: chat formatting writes them.
/// Load one with <see cref="TokenizerLoader"/>.
/// </summary>
public sealed class BpeTokenizer : ITokenizer
{
    const int CacheLimit = 100_000;

    readonly Dictionary<string, int> vocab;
    readonly Dictionary<(string, string), int> mergeRanks;
    readonly IReadOnlyList<Regex> wordSplitters;
    readonly Regex? addedTokenSplitter;
    readonly Dictionary<string, AddedToken> addedByContent;
    readonly Dictionary<int, AddedToken> addedById;
    readonly string?[] tokenOfId;
    readonly byte[]?[] bytesOfId;
    readonly bool normalizeNfc;
    readonly bool addPrefixSpace;
    readonly bool ignoreMerges;
    readonly int? unknownId;
    readonly ConcurrentDictionary<string, int[]> wordCache = new(StringComparer.Ordinal);

    internal BpeTokenizer(
        Dictionary<string, int> vocab,
        IReadOnlyList<(string Left, string Right)> merges,
        IReadOnlyList<Regex> wordSplitters,
        IReadOnlyList<AddedToken> addedTokens,
        SpecialTokenNames specialNames,
        bool normalizeNfc = false,
        bool addPrefixSpace = false,
        bool ignoreMerges = false,
        string? unknownToken = null)
    {
        this.vocab = vocab;
        mergeRanks = new Dictionary<(string, string), int>(merges.Count);
        for (var rank = 0; rank < merges.Count; rank++) mergeRanks.TryAdd(merges[rank], rank);
        this.wordSplitters = wordSplitters;
        this.normalizeNfc = normalizeNfc;
        this.addPrefixSpace = addPrefixSpace;
        this.ignoreMerges = ignoreMerges;
        AddedTokens = addedTokens;
        addedByContent = addedTokens.GroupBy(t => t.Content).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        addedById = addedTokens.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First());
        addedTokenSplitter = addedTokens.Count == 0
            ? null
            : new Regex(string.Join("|", addedTokens.Select(t => t.Content).Distinct().OrderByDescending(c => c.Length).Select(Regex.Escape)), RegexOptions.CultureInvariant);

        var size = Math.Max(vocab.Count == 0 ? 0 : vocab.Values.Max() + 1, addedTokens.Count == 0 ? 0 : addedTokens.Max(t => t.Id) + 1);
        tokenOfId = new string?[size];
        bytesOfId = new byte[]?[size];
        foreach (var (token, id) in vocab) tokenOfId[id] = token;
        unknownId = unknownToken is not null && vocab.TryGetValue(unknownToken, out var unk) ? unk : null;
        BosId = specialNames.Bos is null ? null : TokenToId(specialNames.Bos);
        EosId = specialNames.Eos is null ? null : TokenToId(specialNames.Eos);
        PadId = specialNames.Pad is null ? null : TokenToId(specialNames.Pad);
    }

    public int VocabSize => tokenOfId.Length;
    public int? BosId { get; }
    public int? EosId { get; }
    public int? PadId { get; }
    public IReadOnlyList<AddedToken> AddedTokens { get; }

    public int? TokenToId(string token) =>
        addedByContent.TryGetValue(token, out var added) ? added.Id
        : vocab.TryGetValue(token, out var id) ? id
        : null;

    public bool IsSpecial(int id) => addedById.TryGetValue(id, out var added) && added.Special;

    public int[] Encode(string text)
    {
        var ids = new List<int>(text.Length / 3 + 4);
        var position = 0;
        if (addedTokenSplitter is not null)
        {
            foreach (Match match in addedTokenSplitter.Matches(text))
            {
                EncodeOrdinaryText(text[position..match.Index], ids);
                ids.Add(addedByContent[match.Value].Id);
                position = match.Index + match.Length;
            }
        }
        EncodeOrdinaryText(text[position..], ids);
        return ids.ToArray();
    }

    void EncodeOrdinaryText(string segment, List<int> ids)
    {
        if (segment.Length == 0) return;
        if (normalizeNfc) segment = segment.Normalize(NormalizationForm.FormC);
        if (addPrefixSpace && segment[0] != ' ') segment = " " + segment;
        foreach (var word in SplitWords(segment))
            ids.AddRange(EncodeWord(word));
    }

    /// <summary>The words the pre-tokenizer regexes cut the text into (each splitter cuts the previous one's pieces;
    /// a match and the text between matches are both words).</summary>
    public IReadOnlyList<string> SplitWords(string text)
    {
        IReadOnlyList<string> pieces = [text];
        foreach (var splitter in wordSplitters)
        {
            var next = new List<string>();
            foreach (var piece in pieces)
            {
                var position = 0;
                for (var match = splitter.Match(piece); match.Success; match = match.NextMatch())
                {
                    if (match.Length == 0) continue;
                    if (match.Index > position) next.Add(piece[position..match.Index]);
                    next.Add(match.Value);
                    position = match.Index + match.Length;
                }
                if (position < piece.Length) next.Add(piece[position..]);
            }
            pieces = next;
        }
        return pieces;
    }

    int[] EncodeWord(string word)
    {
        if (wordCache.TryGetValue(word, out var cached)) return cached;
        var ids = MergeWord(ByteLevel.FromBytes(Encoding.UTF8.GetBytes(word)));
        if (wordCache.Count >= CacheLimit) wordCache.Clear();
        wordCache[word] = ids;
        return ids;
    }

    int[] MergeWord(string byteWord)
    {
        if (ignoreMerges && vocab.TryGetValue(byteWord, out var whole)) return [whole];
        var symbols = new List<string>(byteWord.Length);
        foreach (var c in byteWord) symbols.Add(c.ToString());
        while (symbols.Count > 1)
        {
            var bestRank = int.MaxValue;
            (string, string) bestPair = default;
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                if (mergeRanks.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < bestRank)
                {
                    bestRank = rank;
                    bestPair = (symbols[i], symbols[i + 1]);
                }
            }
            if (bestRank == int.MaxValue) break;
            var merged = new List<string>(symbols.Count);
            for (var i = 0; i < symbols.Count; i++)
            {
                if (i + 1 < symbols.Count && symbols[i] == bestPair.Item1 && symbols[i + 1] == bestPair.Item2)
                {
                    merged.Add(bestPair.Item1 + bestPair.Item2);
                    i++;
                }
                else merged.Add(symbols[i]);
            }
            symbols = merged;
        }
        var ids = new List<int>(symbols.Count);
        foreach (var symbol in symbols) AddSymbolIds(symbol, ids);
        return ids.ToArray();
    }

    void AddSymbolIds(string symbol, List<int> ids)
    {
        if (vocab.TryGetValue(symbol, out var id)) { ids.Add(id); return; }
        foreach (var c in symbol)
        {
            if (vocab.TryGetValue(c.ToString(), out var byteId)) ids.Add(byteId);
            else if (unknownId is int unk) ids.Add(unk);
            else throw new TokenizerException($"the vocabulary has no token for the byte character '{c}' (U+{(int)c:X4}); a byte-level vocabulary must contain all 256 byte characters");
        }
    }

    public string Decode(ReadOnlySpan<int> ids)
    {
        var text = new StringBuilder();
        var pendingBytes = new List<byte>();
        foreach (var id in ids)
        {
            if (addedById.TryGetValue(id, out var added))
            {
                FlushBytes(pendingBytes, text);
                text.Append(added.Content);
                continue;
            }
            pendingBytes.AddRange(BytesOf(id));
        }
        FlushBytes(pendingBytes, text);
        return text.ToString();
    }

    byte[] BytesOf(int id)
    {
        var token = id >= 0 && id < tokenOfId.Length ? tokenOfId[id] : null;
        if (token is null)
            throw new TokenizerException($"token id {id} is not in the vocabulary (ids 0..{VocabSize - 1})");
        if (bytesOfId[id] is { } known) return known;
        var bytes = new List<byte>(token.Length);
        ByteLevel.AppendBytes(token, bytes);
        return bytesOfId[id] = bytes.ToArray();
    }

    static void FlushBytes(List<byte> bytes, StringBuilder text)
    {
        if (bytes.Count == 0) return;
        // Invalid UTF-8 (a multi-byte character cut between tokens) becomes U+FFFD, as in the original tokenizers.
        text.Append(Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)));
        bytes.Clear();
    }
}
