using Reft.Runtime.Text;

namespace Reft.Runtime.Tests.Text;

public sealed class Gpt2VocabularyTests(Gpt2ReferenceFixture gpt2) : IClassFixture<Gpt2ReferenceFixture>
{
    public static readonly string[] VariedTexts =
    [
        "Hello world", " Hello", "hello", "HELLO WORLD!!!", "The quick brown fox jumps over the lazy dog.",
        "I'm sure they're fine; we'll see what you've done, it's Tom's.", "don't DON'T Don't",
        "12+7=19", "3.14159 2.71828", "1,234,567 and 89", "-42", "x = y * (z - 1)", "$100.00 or €85",
        "  leading spaces", "trailing spaces   ", "tabs\tand\ttabs", "line one\nline two\n\nline four",
        "\r\nwindows\r\nnewlines", "multiple     spaces   inside", "   ", "\n", "a",
        "naïve café résumé", "Ünïcödé àçcéñts", "日本語のテキスト", "中文测试，标点。", "한국어 텍스트",
        "Привет, мир!", "Γειά σου Κόσμε", "مرحبا بالعالم", "emoji 😀 party 🎉🎉", "👩‍👩‍👧 family",
        "mixed 日本 text 123 😀!", "<html><body>tag</body></html>", "def f(x):\n    return x ** 2\n",
        "{\"json\": [1, 2, 3]}", "path/to/file.txt", "https://example.com/a?b=c&d=e", "email@example.com",
        "C'est l'été", "rock'n'roll", "!!!???...", "-----", "____init____", "αβγ δεζ", "∑∫√∞≈≠",
        "Answer: \\boxed{\\frac{3}{4}}", "2024-01-02T03:04:05Z", "0000000001", "supercalifragilisticexpialidocious",
        "ᵗʰᵉ ˢᵐᵃˡˡ", "ﬁne ligature",
    ];

    [Fact]
    public void Known_ids_from_the_gpt2_vocabulary()
    {
        Assert.Equal([15496, 995], gpt2.Tokenizer.Encode("Hello world"));
        Assert.Equal([18435], gpt2.Tokenizer.Encode(" Hello"));
        Assert.Equal(50257, gpt2.Tokenizer.VocabSize);
        Assert.Equal(50256, gpt2.Tokenizer.EosId);
    }

    [Fact]
    public void End_of_text_written_in_the_text_is_the_special_token()
    {
        Assert.Equal([15496, 50256, 995], gpt2.Tokenizer.Encode("Hello<|endoftext|> world"));
        Assert.True(gpt2.Tokenizer.IsSpecial(50256));
        Assert.False(gpt2.Tokenizer.IsSpecial(995));
    }

    [Fact]
    public void Ids_equal_the_reference_javascript_encoder_on_varied_texts()
    {
        var expected = gpt2.ReferenceIds(VariedTexts);
        Assert.Equal(VariedTexts.Length, expected.Length);
        var mismatches = VariedTexts.Select((text, i) => (text, want: expected[i], got: gpt2.Tokenizer.Encode(text)))
            .Where(r => !r.want.SequenceEqual(r.got))
            .Select(r => $"{System.Text.Json.JsonSerializer.Serialize(r.text)}: reference [{string.Join(",", r.want)}], ours [{string.Join(",", r.got)}]")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Decode_inverts_encode(string text)
    {
        Assert.Equal(text, gpt2.Tokenizer.Decode(gpt2.Tokenizer.Encode(text)));
    }

    public static TheoryData<string> Texts() => new(VariedTexts);

    [Fact]
    public void Decoding_half_of_a_multibyte_character_gives_the_replacement_character()
    {
        var ids = gpt2.Tokenizer.Encode("😀");
        Assert.True(ids.Length > 1);
        Assert.Contains('\uFFFD', gpt2.Tokenizer.Decode(ids.AsSpan(0, 1)));
    }

    [Fact]
    public void Decoding_an_unknown_id_is_a_clear_error()
    {
        var error = Assert.Throws<TokenizerException>(() => gpt2.Tokenizer.Decode([50300]));
        Assert.Contains("50300", error.Message);
    }
}
