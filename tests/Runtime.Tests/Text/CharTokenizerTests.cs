using Reft.Runtime.Text;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Text;

public sealed class CharTokenizerTests
{
    readonly CharTokenizer chars = CharTokenizer.Default;

    [Fact]
    public void Documented_layout()
    {
        Assert.Equal(100, chars.VocabSize);
        Assert.Equal((0, 1, 2), (chars.PadId, chars.BosId, chars.EosId));
        // '\n' is 4, ' ' is 5, then ASCII order: '0' = 5 + 16, 'a' = 5 + 65, '~' = 99.
        Assert.Equal([4, 5, 21, 70, 99], chars.Encode("\n 0a~"));
        Assert.Equal([22, 16, 28, 34, 24], chars.Encode("1+7=3"));
    }

    [Fact]
    public void Unknown_characters_become_unk_and_specials_are_recognised()
    {
        Assert.Equal([70, 3, 3, 71], chars.Encode("aé😀b"));
        Assert.Equal([1, 70, 2], chars.Encode("<bos>a<eos>"));
        Assert.Equal([33, 70, 35], chars.Encode("<a>"));
    }

    [Fact]
    public void Decode_round_trips_ascii_and_names_specials()
    {
        const string text = "12+7=19\nHello, World! ~{}|";
        Assert.Equal(text, chars.Decode(chars.Encode(text)));
        Assert.Equal("<bos>hi<eos><pad>", chars.Decode([1, 77, 78, 2, 0]));
        Assert.Equal(2, chars.TokenToId("<eos>"));
        Assert.Equal(70, chars.TokenToId("a"));
        Assert.True(chars.IsSpecial(2));
        Assert.False(chars.IsSpecial(4));
    }

    [Fact]
    public void Out_of_range_id_is_a_clear_error()
    {
        Assert.Contains("0..99", Assert.Throws<TokenizerException>(() => chars.Decode([100])).Message);
    }

    [Fact]
    public void Json_round_trip_reproduces_the_tokenizer()
    {
        var custom = new CharTokenizer("ab\n");
        var restored = CharTokenizer.FromJson(custom.ToJson());
        Assert.Equal(custom.Alphabet, restored.Alphabet);
        Assert.Equal([4, 5, 6, 3], restored.Encode("ab\nc"));
        Assert.Equal(chars.Alphabet, CharTokenizer.FromJson(chars.ToJson()).Alphabet);
    }

    [Fact]
    public void Saved_file_loads_through_the_loader()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tokenizer.chars.json", new CharTokenizer("xyz").ToJson());
        Assert.Equal([6, 5, 4], TokenizerLoader.Load(path).Encode("zyx"));
        Assert.Equal([6], TokenizerLoader.Load(folder.Path).Encode("z"));
        Assert.Same(CharTokenizer.Default, TokenizerLoader.Load("chars"));
    }

    [Fact]
    public void Repeated_alphabet_character_is_rejected()
    {
        Assert.Contains("repeats", Assert.Throws<TokenizerLoadException>(() => CharTokenizer.FromJson("""{"type":"reft-chars","version":1,"alphabet":"aa"}""", "t.json")).Message);
    }

    [Fact]
    public void Broken_json_names_the_line_without_parser_internals()
    {
        var message = Assert.Throws<TokenizerLoadException>(() => CharTokenizer.FromJson("{\n  \"type\": ,\n}", "t.json")).Message;
        Assert.Equal("t.json: error: invalid JSON at line 2; write the file with CharTokenizer.ToJson", message);
    }
}
