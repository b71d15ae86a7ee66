using System.Text.Json.Nodes;
using Reft.Runtime.Text;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Text;

public sealed class HuggingFaceTokenizerTests
{
    static ITokenizer Load(JsonObject document, string? config = null)
    {
        using var folder = new TemporaryFolder();
        folder.Write("tokenizer.json", document.ToJsonString());
        if (config is not null) folder.Write("tokenizer_config.json", config);
        return TokenizerLoader.Load(folder.Path);
    }

    static readonly ITokenizer Qwen = Load(TinyTokenizerJson.Document(PreTokenizerPatterns.Qwen2));

    [Fact]
    public void Merges_apply_by_rank_and_added_tokens_split_out_first()
    {
        Assert.Equal([TinyTokenizerJson.Hello, TinyTokenizerJson.SpaceWorld], Qwen.Encode("hello world"));
        Assert.Equal([TinyTokenizerJson.ImStart, TinyTokenizerJson.Hello, TinyTokenizerJson.ImEnd, TinyTokenizerJson.SpaceWorld],
            Qwen.Encode("<|im_start|>hello<|im_end|> world"));
        // "help": only "h e" applies, then raw bytes.
        Assert.Equal([256, 'l', 'p'], Qwen.Encode("help"));
    }

    [Fact]
    public void Merges_in_pair_form_read_the_same_as_strings()
    {
        var pairs = Load(TinyTokenizerJson.Document(PreTokenizerPatterns.Qwen2, arrayMerges: true));
        Assert.Equal([TinyTokenizerJson.Hello, TinyTokenizerJson.SpaceWorld], pairs.Encode("hello world"));
    }

    [Fact]
    public void Bytes_outside_ascii_use_the_byte_table()
    {
        Assert.Equal([0xC3, 0xA9], Qwen.Encode("é"));
        Assert.Equal([32, 0xE4, 0xB8, 0xAD], Qwen.Encode(" 中"));
    }

    [Fact]
    public void Nfc_normalizer_composes_accents_when_declared()
    {
        Assert.Equal([0xC3, 0xA9], Qwen.Encode("e\u0301"));
        var raw = Load(TinyTokenizerJson.Document(PreTokenizerPatterns.Qwen2, nfc: false));
        Assert.Equal(['e', 0xCC, 0x81], raw.Encode("e\u0301"));
    }

    [Theory]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("a\u0302\u0323", "\u1EAD")]
    [InlineData("a\u0323\u0302", "\u1EAD")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("caf\u0065\u0301 \u0041\u030A", "caf\u00E9 \u00C5")]
    [InlineData("\u0071\u0307\u0323", "\u0071\u0323\u0307")]
    public void Nfc_matches_the_unicode_standard(string input, string composed)
    {
        Assert.Equal(Qwen.Encode(composed), Qwen.Encode(input));
        Assert.Equal(composed, Qwen.Decode(Qwen.Encode(input)));
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("Ünïcödé àçcéñts and 日本語のテキスト")]
    [InlineData("emoji 😀🎉 👩‍👩‍👧 done")]
    [InlineData("   whitespace\t\truns   \n\n\nand newlines\r\n")]
    [InlineData("<|im_start|>user\nWhat is 12+7?<|im_end|>\n")]
    [InlineData("digits 1234567890 and -3.5e10")]
    public void Round_trip_of_varied_unicode(string text)
    {
        Assert.Equal(text, Qwen.Decode(Qwen.Encode(text)));
    }

    [Fact]
    public void Special_ids_come_from_tokenizer_config_or_the_family_names()
    {
        Assert.Equal(TinyTokenizerJson.EndOfText, Qwen.EosId);
        Assert.Null(Qwen.BosId);
        var configured = Load(TinyTokenizerJson.Document(PreTokenizerPatterns.Qwen2),
            """{"eos_token": "<|im_end|>", "pad_token": {"content": "<|endoftext|>"}, "bos_token": null}""");
        Assert.Equal(TinyTokenizerJson.ImEnd, configured.EosId);
        Assert.Equal(TinyTokenizerJson.EndOfText, configured.PadId);
        Assert.True(configured.IsSpecial(TinyTokenizerJson.ImStart));
        Assert.Equal(268, configured.VocabSize);
    }

    [Fact]
    public void Chat_formatting_for_chatml_encodes_markers_as_special_ids()
    {
        Assert.Equal(ChatFamily.ChatMl, ChatTemplate.Detect(Qwen));
        var text = ChatTemplate.Format(ChatFamily.ChatMl, "Be brief.", "hello");
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", text);
        var ids = Qwen.Encode(text);
        Assert.Equal(3, ids.Count(id => id == TinyTokenizerJson.ImStart));
        Assert.Equal(2, ids.Count(id => id == TinyTokenizerJson.ImEnd));
        Assert.Equal(text, Qwen.Decode(ids));
    }

    [Fact]
    public void Chat_formatting_for_llama3_headers()
    {
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            ChatTemplate.Format(ChatFamily.Llama3, "Be brief.", "hi"));
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            ChatTemplate.Format(ChatFamily.Llama3, null, "hi"));
        Assert.Equal("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", ChatTemplate.Format(ChatFamily.ChatMl, null, "hi"));
        Assert.Null(ChatTemplate.Detect(CharTokenizer.Default));
        Assert.Contains("no chat markers", Assert.Throws<TokenizerException>(() => ChatTemplate.FamilyOf(CharTokenizer.Default)).Message);
        Assert.Equal(ChatFamily.ChatMl, ChatTemplate.FamilyOf(Qwen));
    }
}
