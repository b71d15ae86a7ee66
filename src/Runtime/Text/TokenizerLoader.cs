namespace Reft.Runtime.Text;

/// <summary>Finds and loads a tokenizer from what a spec or the command line names.</summary>
public static class TokenizerLoader
{
    public const string CharsName = "chars";

    /// <summary>
    /// <paramref name="spec"/> is <c>chars</c>; a <c>tokenizer.json</c> file; a saved character tokenizer
    /// (<see cref="CharTokenizer.ToJson"/>); or a folder holding <c>tokenizer.json</c>, or
    /// <c>encoder.json</c> + <c>vocab.bpe</c>, or <c>tokenizer.chars.json</c>.
    /// </summary>
    /// <exception cref="TokenizerLoadException">nothing loadable is there; the message says what to fix.</exception>
    public static ITokenizer Load(string spec)
    {
        if (spec == CharsName) return CharTokenizer.Default;
        if (Directory.Exists(spec)) return LoadFolder(spec);
        if (!File.Exists(spec))
            throw new TokenizerLoadException(spec, "no such file or folder; pass `chars`, a tokenizer.json file, or a folder with tokenizer.json or encoder.json + vocab.bpe");
        return LoadFile(spec);
    }

    static ITokenizer LoadFolder(string folder)
    {
        var huggingFace = Path.Combine(folder, "tokenizer.json");
        if (File.Exists(huggingFace)) return HuggingFaceTokenizerFile.Load(huggingFace);
        var encoder = Path.Combine(folder, "encoder.json");
        var merges = Path.Combine(folder, "vocab.bpe");
        if (File.Exists(encoder) && File.Exists(merges)) return Gpt2VocabularyFiles.Load(encoder, merges);
        var chars = Path.Combine(folder, "tokenizer.chars.json");
        if (File.Exists(chars)) return LoadFile(chars);
        throw new TokenizerLoadException(folder, "the folder has no tokenizer.json, no encoder.json + vocab.bpe pair and no tokenizer.chars.json; copy the model's tokenizer files there");
    }

    static ITokenizer LoadFile(string path)
    {
        var root = HuggingFaceTokenizerFile.ReadJson(path);
        if (root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("type", out var type)
            && type.ValueKind == System.Text.Json.JsonValueKind.String && type.GetString() == CharTokenizer.FormatName)
            return CharTokenizer.FromJson(File.ReadAllText(path), path);
        return HuggingFaceTokenizerFile.Load(path, root);
    }
}
