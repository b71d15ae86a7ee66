using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reft.Runtime.Text;

/// <summary>Reads a Hugging Face <c>tokenizer.json</c> whose model is byte-level BPE.</summary>
static class HuggingFaceTokenizerFile
{
    public static BpeTokenizer Load(string path) => Load(path, ReadJson(path));

    public static BpeTokenizer Load(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
            throw new TokenizerLoadException(path, "missing \"model\" object; this does not look like a Hugging Face tokenizer.json (save one with tokenizer.save_pretrained)");
        var type = OptionalString(model, "type") ?? (model.TryGetProperty("merges", out _) ? "BPE" : null);
        if (type != "BPE")
            throw new TokenizerLoadException(path, $"model type \"{type ?? "(none)"}\" is not supported; only byte-level BPE tokenizers (GPT-2, Llama 3, Qwen2/Qwen3) are");

        var vocab = ReadVocab(path, model);
        var merges = ReadMerges(path, model);
        var normalizeNfc = ReadNormalizer(path, root.TryGetProperty("normalizer", out var normalizer) ? normalizer : default);
        var pre = new PreTokenizerSettings();
        if (root.TryGetProperty("pre_tokenizer", out var preTokenizer)) ReadPreTokenizer(path, preTokenizer, pre);
        var decoderIsByteLevel = root.TryGetProperty("decoder", out var decoder) && decoder.ValueKind == JsonValueKind.Object && OptionalString(decoder, "type") == "ByteLevel";
        if (!pre.ByteLevel && !decoderIsByteLevel)
            throw new TokenizerLoadException(path, "the tokenizer is not byte-level (no ByteLevel pre-tokenizer or decoder); only byte-level BPE tokenizers (GPT-2, Llama 3, Qwen2/Qwen3) are supported");

        var added = ReadAddedTokens(path, root);
        var names = SpecialNamesFromConfig(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "tokenizer_config.json"))
                    ?? GuessSpecialNames(added.Select(t => t.Content).Concat(vocab.Keys).ToHashSet());
        var ignoreMerges = model.TryGetProperty("ignore_merges", out var ignore) && ignore.ValueKind == JsonValueKind.True;
        return new BpeTokenizer(vocab, merges, pre.Splitters, added, names, normalizeNfc, pre.AddPrefixSpace, ignoreMerges, OptionalString(model, "unk_token"));
    }

    internal static JsonElement ReadJson(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new TokenizerLoadException(path, $"invalid JSON at line {e.LineNumber + 1} ({FirstSentence(e.Message)}); re-download or re-save the file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenizerLoadException(path, $"cannot read the file ({e.Message}); check that it is readable");
        }
    }

    static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    static Dictionary<string, int> ReadVocab(string path, JsonElement model)
    {
        if (!model.TryGetProperty("vocab", out var vocabElement) || vocabElement.ValueKind != JsonValueKind.Object)
            throw new TokenizerLoadException(path, "model.vocab is missing or not an object of token -> id; re-download or re-save the file");
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocabElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var id) || id < 0)
                throw new TokenizerLoadException(path, $"model.vocab entry {JsonSerializer.Serialize(entry.Name)} has id {entry.Value.GetRawText()}; ids must be non-negative integers");
            vocab[entry.Name] = id;
        }
        return vocab;
    }

    static List<(string, string)> ReadMerges(string path, JsonElement model)
    {
        if (!model.TryGetProperty("merges", out var mergesElement) || mergesElement.ValueKind != JsonValueKind.Array)
            throw new TokenizerLoadException(path, "model.merges is missing or not an array; a BPE tokenizer.json lists its merges as \"a b\" strings or [\"a\", \"b\"] pairs");
        var merges = new List<(string, string)>(mergesElement.GetArrayLength());
        var index = 0;
        foreach (var merge in mergesElement.EnumerateArray())
        {
            if (merge.ValueKind == JsonValueKind.String && SplitMergeLine(merge.GetString()!) is { } pair) merges.Add(pair);
            else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2 && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String)
                merges.Add((merge[0].GetString()!, merge[1].GetString()!));
            else
                throw new TokenizerLoadException(path, $"model.merges[{index}] is {merge.GetRawText()}; each merge must be \"a b\" or [\"a\", \"b\"]");
            index++;
        }
        return merges;
    }

    internal static (string, string)? SplitMergeLine(string line)
    {
        var space = line.IndexOf(' ', 1);
        if (space <= 0 || space == line.Length - 1 || line.IndexOf(' ', space + 1) >= 0) return null;
        return (line[..space], line[(space + 1)..]);
    }

    static bool ReadNormalizer(string path, JsonElement normalizer)
    {
        if (normalizer.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return false;
        var type = normalizer.ValueKind == JsonValueKind.Object ? OptionalString(normalizer, "type") : null;
        switch (type)
        {
            case "NFC": return true;
            case "Sequence" when normalizer.TryGetProperty("normalizers", out var list) && list.ValueKind == JsonValueKind.Array:
                var nfc = false;
                foreach (var item in list.EnumerateArray()) nfc |= ReadNormalizer(path, item);
                return nfc;
            default:
                throw new TokenizerLoadException(path, $"normalizer {normalizer.GetRawText()} is not supported; byte-level BPE files use none or NFC");
        }
    }

    sealed class PreTokenizerSettings
    {
        public List<Regex> Splitters { get; } = [];
        public bool ByteLevel { get; set; }
        public bool AddPrefixSpace { get; set; }
    }

    static void ReadPreTokenizer(string path, JsonElement element, PreTokenizerSettings settings)
    {
        if (element.ValueKind == JsonValueKind.Null) return;
        var type = element.ValueKind == JsonValueKind.Object ? OptionalString(element, "type") : null;
        switch (type)
        {
            case "Sequence" when element.TryGetProperty("pretokenizers", out var list) && list.ValueKind == JsonValueKind.Array:
                foreach (var item in list.EnumerateArray()) ReadPreTokenizer(path, item, settings);
                break;
            case "ByteLevel":
                settings.ByteLevel = true;
                settings.AddPrefixSpace |= element.TryGetProperty("add_prefix_space", out var prefix) && prefix.ValueKind == JsonValueKind.True;
                var useRegex = !element.TryGetProperty("use_regex", out var regexFlag) || regexFlag.ValueKind != JsonValueKind.False;
                if (useRegex) settings.Splitters.Add(CompileSplitter(path, PreTokenizerPatterns.Gpt2));
                break;
            case "Split":
                settings.Splitters.Add(ReadSplit(path, element));
                break;
            case "Digits":
                var individual = element.TryGetProperty("individual_digits", out var flag) && flag.ValueKind == JsonValueKind.True;
                settings.Splitters.Add(CompileSplitter(path, individual ? @"\p{N}" : @"\p{N}+"));
                break;
            default:
                throw new TokenizerLoadException(path, $"pre_tokenizer {Shorten(element.GetRawText())} is not supported; supported: ByteLevel, Split (Isolated), Digits, Sequence");
        }
    }

    static Regex ReadSplit(string path, JsonElement split)
    {
        var behavior = OptionalString(split, "behavior") ?? "Isolated";
        var inverted = split.TryGetProperty("invert", out var invert) && invert.ValueKind == JsonValueKind.True;
        if (behavior != "Isolated" || inverted)
            throw new TokenizerLoadException(path, $"Split pre-tokenizer with behavior \"{behavior}\"{(inverted ? " and invert" : "")} is not supported; only Isolated, not inverted");
        if (split.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.Object)
        {
            if (OptionalString(pattern, "Regex") is { } regex) return CompileSplitter(path, regex);
            if (OptionalString(pattern, "String") is { } literal) return CompileSplitter(path, Regex.Escape(literal));
        }
        throw new TokenizerLoadException(path, "Split pre-tokenizer has no pattern {\"Regex\": ...} or {\"String\": ...}");
    }

    static Regex CompileSplitter(string path, string pattern)
    {
        try { return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled); }
        catch (ArgumentException e) { throw new TokenizerLoadException(path, $"pre-tokenizer regex {JsonSerializer.Serialize(pattern)} is not valid in .NET ({e.Message})"); }
    }

    static List<AddedToken> ReadAddedTokens(string path, JsonElement root)
    {
        var added = new List<AddedToken>();
        if (!root.TryGetProperty("added_tokens", out var list) || list.ValueKind == JsonValueKind.Null) return added;
        if (list.ValueKind != JsonValueKind.Array)
            throw new TokenizerLoadException(path, "added_tokens must be an array of {\"id\", \"content\", \"special\"} objects");
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || !id.TryGetInt32(out var idValue) || idValue < 0
                || OptionalString(item, "content") is not { Length: > 0 } content)
                throw new TokenizerLoadException(path, $"added token {Shorten(item.GetRawText())} needs a non-negative \"id\" and a non-empty \"content\"");
            added.Add(new AddedToken(idValue, content, item.TryGetProperty("special", out var special) && special.ValueKind == JsonValueKind.True));
        }
        return added;
    }

    /// <summary>BOS/EOS/PAD as the model's tokenizer_config.json names them, when the file is there.</summary>
    static SpecialTokenNames? SpecialNamesFromConfig(string configPath)
    {
        if (!File.Exists(configPath)) return null;
        var config = ReadJson(configPath);
        if (config.ValueKind != JsonValueKind.Object) return null;
        return new SpecialTokenNames(TokenName(config, "bos_token"), TokenName(config, "eos_token"), TokenName(config, "pad_token"));
    }

    static string? TokenName(JsonElement config, string key) =>
        !config.TryGetProperty(key, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Object ? OptionalString(value, "content")
        : null;

    /// <summary>Without a tokenizer_config.json, the well-known names of the supported families.</summary>
    internal static SpecialTokenNames GuessSpecialNames(IReadOnlySet<string> tokens)
    {
        string? First(params string[] candidates) => candidates.FirstOrDefault(tokens.Contains);
        return new SpecialTokenNames(
            First("<|begin_of_text|>", "<s>"),
            First("<|end_of_text|>", "<|endoftext|>", "</s>"),
            First("<|finetune_right_pad_id|>", "<pad>"));
    }

    static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static string Shorten(string json) => json.Length <= 80 ? json : json[..77] + "...";
}
