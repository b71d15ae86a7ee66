using Reft.Runtime.Training;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Training;

public sealed class StageRunnerPartsTests
{
    [Fact]
    public void Schedule_is_due_at_multiples_and_at_the_last_step()
    {
        var every = new Schedule(25);
        Assert.Equal([25, 50, 60], Enumerable.Range(1, 60).Where(step => every.IsDue(step, 60)));
        Assert.False(new Schedule(0).IsDue(60, 60));
    }

    [Fact]
    public void Step_timer_splits_time_by_phase()
    {
        var timer = new StepTimer();
        timer.Add(Phase.Sampling, 1.5);
        timer.Add(Phase.Backprop, 0.5);
        timer.Add(Phase.Sampling, 0.25);
        using (timer.Measure(Phase.Optimizer)) Thread.Sleep(5);
        var times = timer.Elapsed();
        Assert.Equal(1.75, times.Sampling);
        Assert.Equal(0.5, times.Backprop);
        Assert.Equal(0, times.Scoring);
        Assert.True(times.Optimizer > 0);
        timer.Restart();
        Assert.Equal(0, timer.Elapsed().Sampling);
    }

    [Fact]
    public void Run_folder_has_the_documented_layout()
    {
        using var temporary = new TemporaryFolder();
        var context = RunContext.Create(RunContext.DefaultFolder(temporary.Path, "arith"), "pipeline arith {}", "plan text");
        Assert.Equal(temporary.Combine("runs", "arith"), context.Folder);
        Assert.Equal("pipeline arith {}", File.ReadAllText(context.SpecPath));
        Assert.Equal("plan text", File.ReadAllText(context.PlanPath));
        Assert.True(Directory.Exists(context.CheckpointsFolder));
        Assert.Equal(temporary.Combine("runs", "arith", "metrics.jsonl"), context.MetricsPath);
        Assert.Equal(temporary.Combine("runs", "arith", "report.html"), context.ReportPath);
    }
}
