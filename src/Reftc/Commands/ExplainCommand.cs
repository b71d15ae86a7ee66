using System.CommandLine;
using Reft.Compiler;
using Reft.Compiler.Explain;
using Reft.Language.Diagnostics;

namespace Reft.Cli.Commands;

/// <summary><c>reftc explain FILE [--format text|mermaid|dot]</c>: the training plan with per-stage estimates, or its graph.</summary>
public static class ExplainCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The .reft file to explain" };
        var format = new Option<string>("--format")
        {
            Description = "text: the plan as a tree with estimates; mermaid or dot: the training graph as a picture",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "mermaid", "dot");
        var command = new Command("explain", "Print the resolved training plan of a .reft file with memory and token estimates per stage")
        {
            file,
            format,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(file),
            parse.GetValue(format) switch { "mermaid" => ExplainFormat.Mermaid, "dot" => ExplainFormat.Dot, _ => ExplainFormat.Text },
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string path, ExplainFormat format, TextWriter output, TextWriter error)
    {
        var source = SourceFiles.TryLoad(path, error);
        if (source is null)
            return ReftCli.UsageError;
        var result = ReftCompiler.Compile(source);
        if (result.Plan is null)
        {
            error.Write(DiagnosticPrinter.Format(result.Diagnostics));
            return ReftCli.Failure;
        }
        // Warnings do not stop explain; they are shown after the plan so the plan stays pipeable.
        output.Write(ExplainRenderer.Render(result.Plan, source, format));
        if (!result.Diagnostics.IsEmpty)
            error.Write(DiagnosticPrinter.Format(result.Diagnostics));
        return ReftCli.Success;
    }
}
