using System.Text.RegularExpressions;
using Reft.Runtime.Text;

namespace Reft.Runtime.Tests.Text;

public sealed class PreTokenizerPatternTests
{
    static string[] Split(string pattern, string text) => Regex.Matches(text, pattern).Select(m => m.Value).ToArray();

    [Fact]
    public void Llama3_splits_numbers_into_runs_of_up_to_three_digits()
    {
        Assert.Equal(["I", "'m", " HAPPY", " they", "'RE", " ", "123", "45", " apples"],
            Split(PreTokenizerPatterns.Llama3, "I'm HAPPY they'RE 12345 apples"));
        Assert.Equal(["1", ",", "000", ",", "000"], Split(PreTokenizerPatterns.Llama3, "1,000,000"));
    }

    [Fact]
    public void Qwen_splits_every_digit()
    {
        Assert.Equal(["I", "'m", " HAPPY", " they", "'RE", " ", "1", "2", "3", "4", "5", " apples"],
            Split(PreTokenizerPatterns.Qwen2, "I'm HAPPY they'RE 12345 apples"));
    }

    [Fact]
    public void Gpt2_contractions_are_lowercase_only_and_numbers_stay_whole()
    {
        Assert.Equal(["I", "'m", " HAPPY", " they", "'", "RE", " 12345", " apples"],
            Split(PreTokenizerPatterns.Gpt2, "I'm HAPPY they'RE 12345 apples"));
    }

    [Fact]
    public void Newlines_and_whitespace_runs()
    {
        Assert.Equal(["a", "\n\n", "b", "  ", " c"], Split(PreTokenizerPatterns.Llama3, "a\n\nb   c"));
        Assert.Equal(["x", ":\n", "  ", " y"], Split(PreTokenizerPatterns.Qwen2, "x:\n   y"));
        Assert.Equal([" (", "hello"], Split(PreTokenizerPatterns.Llama3, " (hello"));
        Assert.Equal(["(hello"], Split(PreTokenizerPatterns.Qwen2, "(hello"));
    }
}
