using System.CommandLine;
using Reft.Cli.Commands;

namespace Reft.Cli;

/// <summary>The reftc command line: the list of commands and the exit-code contract (0 ok, 1 errors, 2 usage).</summary>
public static class ReftCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>Every command of reftc; each lives in its own file under Commands/.</summary>
    public static RootCommand CreateRootCommand() => new("reftc: check, format, compile and run .reft RL fine-tuning pipelines")
    {
        CheckCommand.Create(),
        FormatCommand.Create(),
        TokenizeCommand.Create(),
        ExplainCommand.Create(),
        BuildCommand.Create(),
        RunCommand.Create(),
        NewCommand.Create(),
        DoctorCommand.Create(),
    };

    /// <summary>Runs reftc in-process; the tests call this with string writers.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = CreateRootCommand().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"reftc: {parseError.Message}");
            }
            error.WriteLine("Run 'reftc --help' to see the commands and their options.");
            return UsageError;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
