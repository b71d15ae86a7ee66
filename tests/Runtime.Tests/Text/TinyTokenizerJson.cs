using System.Text.Json.Nodes;

namespace Reft.Runtime.Tests.Text;

/// <summary>Writes small Hugging Face tokenizer.json files: ids 0..255 are the 256 byte characters, then merges
/// that build "hello" (259) and "Ġworld" (264), then three added special tokens.</summary>
static class TinyTokenizerJson
{
    public const int Hello = 259, SpaceWorld = 264, ImStart = 265, ImEnd = 266, EndOfText = 267;

    static readonly string[] Merges = ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "l d", "Ġwor ld"];

    /// <summary>GPT-2's byte table, written out independently of the code under test.</summary>
    public static char CharOfByte(int b)
    {
        var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        if (printable) return (char)b;
        var rank = Enumerable.Range(0, b).Count(x => !((x >= '!' && x <= '~') || (x >= 0xA1 && x <= 0xAC) || (x >= 0xAE && x <= 0xFF)));
        return (char)(256 + rank);
    }

    public static JsonObject Document(string splitPattern, bool nfc = true, bool arrayMerges = false)
    {
        var vocab = new JsonObject();
        for (var b = 0; b < 256; b++) vocab[CharOfByte(b).ToString()] = b;
        for (var i = 0; i < Merges.Length; i++) vocab[Merges[i].Replace(" ", "")] = 256 + i;
        var merges = new JsonArray(Merges.Select(m => arrayMerges ? (JsonNode)new JsonArray(m.Split(' ').Select(p => (JsonNode)p!).ToArray()) : m).ToArray());
        return new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(
                Added(ImStart, "<|im_start|>"), Added(ImEnd, "<|im_end|>"), Added(EndOfText, "<|endoftext|>")),
            ["normalizer"] = nfc ? new JsonObject { ["type"] = "NFC" } : null,
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = splitPattern }, ["behavior"] = "Isolated", ["invert"] = false },
                    new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false }),
            },
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject { ["type"] = "BPE", ["vocab"] = vocab, ["merges"] = merges },
        };
    }

    static JsonObject Added(int id, string content) =>
        new() { ["id"] = id, ["content"] = content, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true };
}
