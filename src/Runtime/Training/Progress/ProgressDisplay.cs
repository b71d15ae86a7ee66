using Reft.Runtime.Training.Metrics;
using Spectre.Console;

namespace Reft.Runtime.Training.Progress;

/// <summary>Shows a run's progress while it trains.</summary>
public interface IProgressDisplay : IDisposable
{
    void StageStarted(string stage, int totalSteps);

    void StepCompleted(StepMetrics metrics);

    /// <summary>A notice for the user (resume, skipped checkpoint, guard), shown at once.</summary>
    void Message(string text);
}

public static class ProgressDisplay
{
    /// <summary>A live display when <paramref name="output"/> is an interactive terminal, plain
    /// lines otherwise (CI logs, pipes, files).</summary>
    public static IProgressDisplay Create(TextWriter output)
    {
        var console = CreateConsole(output);
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;
        return interactive ? new LiveProgressDisplay(console) : new PlainProgressDisplay(output);
    }

    /// <summary>Width used when the output is not a terminal: wide enough that log files get the
    /// summary table unwrapped.</summary>
    private const int RedirectedWidth = 160;

    /// <summary>A Spectre console over any writer; colours only where the terminal supports them.</summary>
    public static IAnsiConsole CreateConsole(TextWriter output)
    {
        var console = AnsiConsole.Create(Settings(output));
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected) console.Profile.Width = RedirectedWidth;
        return console;
    }

    private static AnsiConsoleSettings Settings(TextWriter output) => new()
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = ReferenceEquals(output, Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ReferenceEquals(output, Console.Out) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = ReferenceEquals(output, Console.Out) ? InteractionSupport.Detect : InteractionSupport.No,
    };
}

/// <summary>About twenty lines per stage plus every step that evaluated or was skipped, so CI logs
/// stay readable for long stages.</summary>
public sealed class PlainProgressDisplay(TextWriter output) : IProgressDisplay
{
    private const int LinesPerStage = 20;
    private readonly ProgressState _state = new();

    public void StageStarted(string stage, int totalSteps)
    {
        _state.StartStage(stage, totalSteps);
        output.WriteLine($"stage {stage}: {totalSteps} steps");
        output.Flush();
    }

    public void StepCompleted(StepMetrics metrics)
    {
        _state.Record(metrics);
        var every = Math.Max(1, _state.TotalSteps / LinesPerStage);
        if (metrics.Step % every != 0 && metrics.Step != _state.TotalSteps && metrics.EvalScore is null && metrics.StepSkipped is null) return;
        var line = _state.Line();
        if (metrics.StepSkipped is { } reason) line += $"  optimizer step skipped ({reason})";
        output.WriteLine(line);
        output.Flush();
    }

    public void Message(string text)
    {
        output.WriteLine(text);
        output.Flush();
    }

    public void Dispose() => output.Flush();
}
