using System.Text.Json;

namespace Reft.Runtime.Text;

/// <summary>Reads OpenAI's original GPT-2 pair: <c>encoder.json</c> (token -> id) and <c>vocab.bpe</c> (merges, one per line).</summary>
static class Gpt2VocabularyFiles
{
    const string EndOfText = "<|endoftext|>";

    public static BpeTokenizer Load(string encoderPath, string mergesPath)
    {
        var root = HuggingFaceTokenizerFile.ReadJson(encoderPath);
        if (root.ValueKind != JsonValueKind.Object)
            throw new TokenizerLoadException(encoderPath, "expected a JSON object of token -> id (GPT-2's encoder.json)");
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in root.EnumerateObject())
        {
            if (!entry.Value.TryGetInt32(out var id) || id < 0)
                throw new TokenizerLoadException(encoderPath, $"entry {JsonSerializer.Serialize(entry.Name)} has id {entry.Value.GetRawText()}; ids must be non-negative integers");
            vocab[entry.Name] = id;
        }

        string[] lines;
        try { lines = File.ReadAllLines(mergesPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenizerLoadException(mergesPath, $"cannot read the file ({e.Message})");
        }
        var merges = new List<(string, string)>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || (i == 0 && line.StartsWith("#version", StringComparison.Ordinal))) continue;
            merges.Add(HuggingFaceTokenizerFile.SplitMergeLine(line)
                       ?? throw new TokenizerLoadException($"{mergesPath}:{i + 1}", $"merge line {JsonSerializer.Serialize(line)} must be two tokens separated by one space"));
        }

        var added = vocab.TryGetValue(EndOfText, out var endId) ? new List<AddedToken> { new(endId, EndOfText, Special: true) } : [];
        return new BpeTokenizer(vocab, merges, [new(PreTokenizerPatterns.Gpt2, System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Compiled)],
            added, new SpecialTokenNames(Bos: null, Eos: added.Count > 0 ? EndOfText : null, Pad: null));
    }
}
