using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using Reft.Compiler.Emit;
using Reft.Compiler.Explain;
using Reft.Runtime.Pipeline;

namespace Reft.Cli.Commands;

/// <summary><c>reftc run SPEC [--out DIR] [--resume] [--force]</c>: compiles a spec and trains it.</summary>
public static partial class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "The .reft file to train" };
        var output = new Option<string?>("--out") { Description = "The run folder (default: runs/<pipeline name>, or the checkpoint folder the spec names)" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the newest intact checkpoint in the run folder" };
        var force = new Option<bool>("--force") { Description = "With --resume: continue even though the spec changed since the checkpoint" };
        var command = new Command("run", "Compile a .reft file and train it: metrics.jsonl, checkpoints and report.html in the run folder") { spec, output, resume, force };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(spec),
            parse.GetValue(output),
            parse.GetValue(resume),
            parse.GetValue(force),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string path, string? runFolder, bool resume, bool force, TextWriter output, TextWriter error)
    {
        var source = SourceFiles.TryLoad(path, error);
        if (source is null) return ReftCli.UsageError;
        var build = BuildCommand.Compile(source, error);
        if (build.Pipeline is not { } compiled) return ReftCli.Failure;
        var plan = build.Plan!;
        output.WriteLine(compiled.FromCache
            ? $"{path}: compiled before; the assembly comes from the cache"
            : $"{path}: compiled to C# and to an assembly");
        if (NativeRuntime.Problem() is { } unavailable)
        {
            error.WriteLine(unavailable);
            return ReftCli.Failure;
        }
        var folder = runFolder ?? DefaultRunFolder(plan);
        var pipeline = Load(compiled);
        var options = new RunOptions(path, source.Text, ExplainRenderer.Render(plan, source, ExplainFormat.Text), folder, resume, force, output);
        try
        {
            var summary = pipeline.Run(options);
            if (!summary.Completed) error.WriteLine(summary.StopReason);
            return summary.Completed ? ReftCli.Success : ReftCli.Failure;
        }
        catch (Exception failure) when (IsUserFacing(failure))
        {
            error.WriteLine(failure.Message);
            return ReftCli.Failure;
        }
        catch (Exception failure) when (NativeRuntime.Describe(failure) is { } missing)
        {
            error.WriteLine(missing);
            return ReftCli.Failure;
        }
        catch (Exception bug)
        {
            error.WriteLine($"{SpecLocation(bug) ?? path}: internal error: {bug.GetType().Name}: {bug.Message}; this is a bug in reft, please report it with the spec attached");
            return ReftCli.Failure;
        }
    }

    /// <summary>runs/&lt;name&gt; under the current folder, unless the spec's checkpoint names a folder of its own.</summary>
    private static string DefaultRunFolder(Reft.Compiler.Plan.TrainingPlan plan)
    {
        var implied = Path.Combine(plan.BaseDirectory, "runs", plan.Name);
        return plan.Checkpoint is { } checkpoint && Path.GetFullPath(checkpoint.Directory) != Path.GetFullPath(implied)
            ? checkpoint.Directory
            : Reft.Runtime.Training.RunContext.DefaultFolder(Directory.GetCurrentDirectory(), plan.Name);
    }

    /// <summary>Loads the compiled pipeline into its own load context; the runtime it references resolves to reftc's own.</summary>
    private static ICompiledPipeline Load(CompiledPipeline compiled)
    {
        var assembly = Assembly.Load(compiled.Image);
        var type = assembly.GetType(compiled.Source.FullTypeName)
            ?? throw new InvalidOperationException($"the compiled assembly has no type {compiled.Source.FullTypeName}");
        return (ICompiledPipeline)Activator.CreateInstance(type)!;
    }

    /// <summary>Failures of the run's inputs and environment, whose messages already say what to fix.</summary>
    private static bool IsUserFacing(Exception failure) => failure is
        Reft.Runtime.Training.Guards.TrainingStoppedException
        or Reft.Runtime.Data.DataLoadException
        or Reft.Runtime.Text.TokenizerException
        or Reft.Runtime.Models.ModelFileException
        or Reft.Runtime.Training.Checkpoints.CheckpointException
        or Reft.Runtime.Torch.TorchException
        or IOException
        or UnauthorizedAccessException;

    /// <summary>The .reft line of the innermost generated frame (the #line directives put it in the stack trace).</summary>
    private static string? SpecLocation(Exception bug)
    {
        var match = ReftFrame().Match(bug.StackTrace ?? "");
        return match.Success ? $"{match.Groups[1].Value}:{match.Groups[2].Value}" : null;
    }

    [GeneratedRegex(@"in (.+?\.reft):line (\d+)")]
    private static partial Regex ReftFrame();
}
