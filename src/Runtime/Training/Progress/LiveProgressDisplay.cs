using Reft.Runtime.Training.Metrics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Reft.Runtime.Training.Progress;

/// <summary>A Spectre.Console live panel, redrawn on its own thread so the training loop only hands
/// over numbers and never waits on the terminal.</summary>
public sealed class LiveProgressDisplay : IProgressDisplay
{
    private const int BarWidth = 30;
    private readonly IAnsiConsole _console;
    private readonly ProgressState _state = new();
    private readonly object _gate = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Task _renderLoop;
    private volatile bool _finished;

    public LiveProgressDisplay(IAnsiConsole console)
    {
        _console = console;
        _renderLoop = Task.Run(() => _console.Live(Render()).AutoClear(false).Start(context =>
        {
            while (!_finished)
            {
                _changed.Wait(TimeSpan.FromMilliseconds(250));
                context.UpdateTarget(Render());
            }
            context.UpdateTarget(Render());
        }));
    }

    public void StageStarted(string stage, int totalSteps)
    {
        lock (_gate) _state.StartStage(stage, totalSteps);
        _changed.Release();
    }

    public void StepCompleted(StepMetrics metrics)
    {
        lock (_gate) _state.Record(metrics);
        _changed.Release();
    }

    /// <summary>Messages go above the live panel, where they stay visible after it moves on.</summary>
    public void Message(string text)
    {
        lock (_gate) _console.MarkupLineInterpolated($"[yellow]{text}[/]");
    }

    public void Dispose()
    {
        _finished = true;
        _changed.Release();
        _renderLoop.Wait();
        _changed.Dispose();
    }

    private IRenderable Render()
    {
        lock (_gate)
        {
            var filled = (int)Math.Round(_state.Fraction * BarWidth);
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow(new Markup("[bold]stage[/]"), new Markup(Markup.Escape(_state.Stage)));
            grid.AddRow(new Markup("[bold]step[/]"), new Markup(
                $"[green]{new string('━', filled)}[/][grey]{new string('─', BarWidth - filled)}[/] {_state.Step}/{_state.TotalSteps} " +
                $"({HumanFormat.Percent(_state.Fraction)})  ETA {(_state.Eta is { } eta ? Markup.Escape(HumanFormat.Duration(eta)) : "–")}"));
            if (_state.Last is { } last)
            {
                if (last.RewardMean is not null || last.Accuracy is not null)
                    grid.AddRow(new Markup("[bold]reward[/]"), new Markup($"{HumanFormat.Score(last.RewardMean)}   accuracy {HumanFormat.Score(last.Accuracy)}"));
                if (last.Loss is not null)
                    grid.AddRow(new Markup("[bold]loss[/]"), new Markup(HumanFormat.Score(last.Loss)));
                grid.AddRow(new Markup("[bold]tokens/s[/]"), new Markup(
                    $"rollout {HumanFormat.Quantity(last.RolloutTokensPerSecond)}   learner {HumanFormat.Quantity(last.LearnerTokensPerSecond)}"));
                grid.AddRow(new Markup("[bold]time[/]"), new Markup(
                    $"sampling {HumanFormat.Percent(_state.SamplingShare)}   backprop {HumanFormat.Percent(_state.BackpropShare)}"));
                if (last.EvalScore is not null)
                    grid.AddRow(new Markup("[bold]eval[/]"), new Markup($"{Markup.Escape(last.EvalMetric ?? "")} {HumanFormat.Score(last.EvalScore)} (step {last.Step})"));
            }
            return new Panel(grid).Header("reft").Border(BoxBorder.Rounded);
        }
    }
}
