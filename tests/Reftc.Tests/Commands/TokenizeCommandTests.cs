using Reft.Cli.Commands;
using Reft.Cli.Tests.Cli;

namespace Reft.Cli.Tests.Commands;

public class TokenizeCommandTests
{
    // The chars alphabet puts ' ' at id 5 and every printable ASCII character after it in order,
    // so a character's id is 5 + (code - 32): 'h' 104 -> 77, 'e' 101 -> 74, '1' 49 -> 22.
    private const string HelloIds = "[77,74,81,81,84,5,22,16,23]";

    [Fact]
    public void CharsEncodesEachCharacterToItsAlphabetId()
    {
        var (exitCode, output, error) = CliRunner.Run("tokenize", "--tokenizer", "chars", "hello 1+2");

        Assert.Equal((0, HelloIds + "\n", ""), (exitCode, output, error));
    }

    [Fact]
    public void DecodeGivesBackTheEncodedText()
    {
        var (exitCode, output, error) = CliRunner.Run("tokenize", "--tokenizer", "chars", "--decode", HelloIds);

        Assert.Equal((0, "hello 1+2\n", ""), (exitCode, output, error));
    }

    [Fact]
    public void CharactersOutsideTheAlphabetBecomeUnknown()
    {
        var (_, encoded, _) = CliRunner.Run("tokenize", "--tokenizer", "chars", "hé");
        var (_, decoded, _) = CliRunner.Run("tokenize", "--tokenizer", "chars", "--decode", "[77,3]");

        Assert.Equal(("[77,3]\n", "h<unk>\n"), (encoded, decoded));
    }

    [Fact]
    public void WithoutTextEveryStandardInputLineIsOneOutputLine()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = TokenizeCommand.Run("chars", decode: false, text: null, new StringReader("ab\n\nc\n"), output, error);

        Assert.Equal((0, "[70,71]\n[]\n[72]\n", ""), (exitCode, output.ToString().Replace("\r\n", "\n"), error.ToString()));
    }

    [Fact]
    public void ABadStandardInputLineIsNamedByLineNumberAndTheOthersStillDecode()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = TokenizeCommand.Run("chars", decode: true, text: null, new StringReader("[70]\n[70,\n[71]\n"), output, error);

        Assert.Equal(1, exitCode);
        Assert.Equal("a\nb\n", output.ToString().Replace("\r\n", "\n"));
        Assert.Equal("<stdin>:2: error: expected a JSON array of token ids such as [15496, 995]\n", error.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void AnIdOutsideTheVocabularyIsAnError()
    {
        var (exitCode, output, error) = CliRunner.Run("tokenize", "--tokenizer", "chars", "--decode", "[100]");

        Assert.Equal((1, ""), (exitCode, output));
        Assert.Equal("argument: error: token id 100 is outside the character vocabulary (0..99)\n", error);
    }

    [Fact]
    public void AMissingTokenizerPathIsAOneLineError()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var path = Path.Combine(folder.Path, "no-such-tokenizer");

        var (exitCode, output, error) = CliRunner.Run("tokenize", "--tokenizer", path, "x");

        Assert.Equal((1, ""), (exitCode, output));
        Assert.StartsWith($"{path}: error: no such file or folder;", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("{not json", "invalid JSON at line 1")]
    [InlineData("{}", "missing \"model\" object")]
    public void AnUnreadableTokenizerFileNamesTheFileAndTheProblem(string content, string problem)
    {
        using var folder = new CliRunner.TemporaryFolder();
        var path = folder.Write("tokenizer.json", content);

        var (exitCode, output, error) = CliRunner.Run("tokenize", "--tokenizer", path, "x");

        Assert.Equal((1, ""), (exitCode, output));
        Assert.StartsWith($"{path}: error: {problem}", error);
        Assert.DoesNotContain(" at Reft.", error);
    }

    [Fact]
    public void AFolderWithoutTokenizerFilesSaysWhatItLooksFor()
    {
        using var folder = new CliRunner.TemporaryFolder();

        var (exitCode, _, error) = CliRunner.Run("tokenize", "--tokenizer", folder.Path, "x");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{folder.Path}: error: the folder has no tokenizer.json", error);
    }

    [Fact]
    public void TheTokenizerOptionIsRequired()
    {
        var (exitCode, output, error) = CliRunner.Run("tokenize", "x");

        Assert.Equal((2, ""), (exitCode, output));
        Assert.Contains("--tokenizer", error);
    }
}
