using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reft.Runtime.Text;

/// <summary>
/// One token per character, for tiny models trained from scratch. The default alphabet is fixed so that
/// ids never change between runs: 0 &lt;pad&gt;, 1 &lt;bos&gt;, 2 &lt;eos&gt;, 3 &lt;unk&gt;, 4 '\n', then the
/// 95 printable ASCII characters ' ' (5) through '~' (99); VocabSize 100. Characters outside the
/// alphabet encode to &lt;unk&gt;. Specials decode to their names, e.g. "&lt;eos&gt;".
/// </summary>
public sealed class CharTokenizer : ITokenizer
{
    public const string FormatName = "reft-chars";
    static readonly string[] SpecialNames = ["<pad>", "<bos>", "<eos>", "<unk>"];
    const int UnkId = 3;

    public static CharTokenizer Default { get; } = new(DefaultAlphabet());

    readonly Dictionary<char, int> idOfChar = new();

    /// <summary>The characters after the four specials, in id order (first one has id 4).</summary>
    public string Alphabet { get; }

    public CharTokenizer(string alphabet)
    {
        Alphabet = alphabet;
        for (var i = 0; i < alphabet.Length; i++)
            if (!idOfChar.TryAdd(alphabet[i], SpecialNames.Length + i))
                throw new ArgumentException($"the alphabet repeats the character {JsonSerializer.Serialize(alphabet[i].ToString())}; list each character once");
    }

    static string DefaultAlphabet()
    {
        var builder = new StringBuilder("\n");
        for (var c = ' '; c <= '~'; c++) builder.Append(c);
        return builder.ToString();
    }

    public int VocabSize => SpecialNames.Length + Alphabet.Length;
    public int? PadId => 0;
    public int? BosId => 1;
    public int? EosId => 2;

    public int[] Encode(string text)
    {
        var ids = new List<int>(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var special = SpecialAt(text, position);
            if (special >= 0)
            {
                ids.Add(special);
                position += SpecialNames[special].Length;
                continue;
            }
            ids.Add(idOfChar.TryGetValue(text[position], out var id) ? id : UnkId);
            // A surrogate pair is one character to the reader, so it is one <unk>.
            position += char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
        }
        return ids.ToArray();
    }

    static int SpecialAt(string text, int position)
    {
        if (text[position] != '<') return -1;
        for (var i = 0; i < SpecialNames.Length; i++)
            if (string.CompareOrdinal(text, position, SpecialNames[i], 0, SpecialNames[i].Length) == 0) return i;
        return -1;
    }

    public string Decode(ReadOnlySpan<int> ids)
    {
        var builder = new StringBuilder(ids.Length);
        foreach (var id in ids)
        {
            if (id < 0 || id >= VocabSize)
                throw new TokenizerException($"token id {id} is outside the character vocabulary (0..{VocabSize - 1})");
            if (id < SpecialNames.Length) builder.Append(SpecialNames[id]);
            else builder.Append(Alphabet[id - SpecialNames.Length]);
        }
        return builder.ToString();
    }

    public int? TokenToId(string token)
    {
        var special = Array.IndexOf(SpecialNames, token);
        if (special >= 0) return special;
        return token.Length == 1 && idOfChar.TryGetValue(token[0], out var id) ? id : null;
    }

    public bool IsSpecial(int id) => id >= 0 && id < SpecialNames.Length;

    /// <summary>A small JSON document that a checkpoint stores to rebuild exactly this tokenizer
    /// (version 1 fixes the four specials; the alphabet is stored).</summary>
    public string ToJson() =>
        new JsonObject { ["type"] = FormatName, ["version"] = 1, ["alphabet"] = Alphabet }
            .ToJsonString();

    /// <exception cref="TokenizerLoadException">the document is not a character tokenizer this version understands.</exception>
    public static CharTokenizer FromJson(string json, string source = "<chars tokenizer>")
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { throw new TokenizerLoadException(source, $"invalid JSON at line {e.LineNumber + 1}; write the file with CharTokenizer.ToJson"); }
        if (root is not JsonObject obj || (string?)(obj["type"] as JsonValue) != FormatName)
            throw new TokenizerLoadException(source, $"not a character tokenizer (expected \"type\": \"{FormatName}\")");
        if (obj["alphabet"] is not JsonValue alphabetValue || !alphabetValue.TryGetValue<string>(out var alphabet))
            throw new TokenizerLoadException(source, "missing string field \"alphabet\"; write the file with CharTokenizer.ToJson");
        try { return new CharTokenizer(alphabet); }
        catch (ArgumentException e) { throw new TokenizerLoadException(source, e.Message); }
    }
}
