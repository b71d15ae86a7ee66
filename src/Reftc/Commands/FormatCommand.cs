using System.CommandLine;
using Reft.Language.Diagnostics;
using Reft.Language.Formatting;

namespace Reft.Cli.Commands;

/// <summary><c>reftc fmt FILE... [--check]</c>: rewrites files in the canonical layout.</summary>
public static class FormatCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "The .reft files to format in place",
            Arity = ArgumentArity.OneOrMore,
        };
        var check = new Option<bool>("--check")
        {
            Description = "Do not write; exit 1 when a file is not in the canonical layout",
        };
        var command = new Command("fmt", "Rewrite .reft files in the canonical layout, keeping comments")
        {
            files,
            check,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(files),
            parse.GetValue(check),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, bool checkOnly, TextWriter output, TextWriter error)
    {
        var exitCode = ReftCli.Success;
        foreach (var path in paths)
        {
            var source = SourceFiles.TryLoad(path, error);
            if (source is null)
            {
                return ReftCli.UsageError;
            }
            var (formatted, parse) = ReftFormatter.Format(source);
            if (formatted is null)
            {
                output.Write(DiagnosticPrinter.Format(parse.Diagnostics));
                output.WriteLine($"{path}: not formatted because it does not parse; fix the errors above first");
                exitCode = ReftCli.Failure;
                continue;
            }
            if (formatted == source.Text)
            {
                continue;
            }
            if (checkOnly)
            {
                output.WriteLine($"{path}: not in the canonical layout; run 'reftc fmt {path}'");
                exitCode = ReftCli.Failure;
                continue;
            }
            File.WriteAllText(path, formatted);
            output.WriteLine($"{path}: formatted");
        }
        return exitCode;
    }
}
