using System.CommandLine;
using System.Text.Json;
using Reft.Runtime.Text;

namespace Reft.Cli.Commands;

/// <summary><c>reftc tokenize --tokenizer PATH [TEXT] [--decode]</c>: token ids of text, or text of ids, one line per input.</summary>
public static class TokenizeCommand
{
    public static Command Create()
    {
        var tokenizer = new Option<string>("--tokenizer")
        {
            Description = "`chars`, a tokenizer.json file, or a folder with tokenizer.json or encoder.json + vocab.bpe",
            Required = true,
        };
        var decode = new Option<bool>("--decode")
        {
            Description = "Read JSON arrays of token ids and print their text",
        };
        var text = new Argument<string?>("text")
        {
            Description = "The text to tokenize (or a JSON array of ids with --decode); without it, each line of standard input",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("tokenize", "Print the token ids of text as a JSON array, one line per input; --decode does the reverse")
        {
            tokenizer,
            decode,
            text,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(tokenizer),
            parse.GetValue(decode),
            parse.GetValue(text),
            Console.In,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string tokenizerPath, bool decode, string? text, TextReader input, TextWriter output, TextWriter error)
    {
        ITokenizer tokenizer;
        try { tokenizer = TokenizerLoader.Load(tokenizerPath); }
        catch (TokenizerLoadException exception)
        {
            error.WriteLine(exception.Message);
            return ReftCli.Failure;
        }

        var inputs = text is not null ? [(Source: "argument", Line: text)] : ReadLines(input);
        var exitCode = ReftCli.Success;
        foreach (var (source, line) in inputs)
        {
            if (!decode)
            {
                output.WriteLine(JsonSerializer.Serialize(tokenizer.Encode(line)));
                continue;
            }
            try
            {
                var ids = JsonSerializer.Deserialize<int[]>(line) ?? throw new JsonException();
                output.WriteLine(tokenizer.Decode(ids));
            }
            catch (JsonException)
            {
                error.WriteLine($"{source}: error: expected a JSON array of token ids such as [15496, 995]");
                exitCode = ReftCli.Failure;
            }
            catch (TokenizerException exception)
            {
                error.WriteLine($"{source}: error: {exception.Message}");
                exitCode = ReftCli.Failure;
            }
        }
        return exitCode;
    }

    static IEnumerable<(string Source, string Line)> ReadLines(TextReader input)
    {
        var number = 0;
        while (input.ReadLine() is { } line) yield return ($"<stdin>:{++number}", line);
    }
}
