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
        var terminal = IsTerminal(output);
        var console = CreateConsole(output, terminal);
        return terminal && console.Profile.Capabilities.Interactive ? new LiveProgressDisplay(console) : new PlainProgressDisplay(output);
    }

    /// <summary>Width used when the output is not a terminal: wide enough that log files get the
    /// summary table unwrapped.</summary>
    private const int RedirectedWidth = 160;

    /// <summary>A Spectre console over any writer; colours only on a terminal that supports them.</summary>
    public static IAnsiConsole CreateConsole(TextWriter output) => CreateConsole(output, IsTerminal(output));

    /// <summary>
    /// With <paramref name="terminal"/> false the console writes plain text: no colour or cursor
    /// escape codes, whatever TERM or a CI variable claims, since a log file or pipe shows them raw.
    /// </summary>
    public static IAnsiConsole CreateConsole(TextWriter output, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>Only reftc's own standard output, and only while it is not redirected to a file or pipe.</summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
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
