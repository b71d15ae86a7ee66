using Reft.Runtime.Training.Metrics;
using Reft.Runtime.Training.Progress;

namespace Reft.Runtime.Tests.Training;

public sealed class ProgressTests
{
    private static StepMetrics Step(int step, double total = 2, double? reward = 0.5) => new()
    {
        Stage = "rl", StageIndex = 1, Step = step, RewardMean = reward, Accuracy = 0.25, Loss = 0.125,
        RolloutTokensPerSecond = 1234.5, LearnerTokensPerSecond = 800,
        Time = new PhaseTimes(total / 2, 0, total / 4, 0, total),
    };

    [Fact]
    public void Eta_is_remaining_steps_times_the_mean_step_time()
    {
        var state = new ProgressState();
        state.StartStage("rl", 10);
        Assert.Null(state.Eta);
        for (var step = 1; step <= 4; step++) state.Record(Step(step, total: step == 4 ? 5 : 1));
        Assert.Equal(TimeSpan.FromSeconds(2 * 6), state.Eta);
        Assert.Equal(0.4, state.Fraction);
        Assert.Equal(0.5, state.SamplingShare);
        Assert.Equal(0.25, state.BackpropShare);
    }

    [Fact]
    public void Line_shows_the_numbers_a_person_wants()
    {
        var state = new ProgressState();
        state.StartStage("rl", 150);
        state.Record(Step(30, total: 1));
        Assert.Equal("rl  step 30/150  20%  ETA 2 minutes  reward 0.500  accuracy 0.250  loss 0.125  rollout tok/s 1.2k  learner tok/s 800  sampling 50% / backprop 25%", state.Line());
    }

    [Fact]
    public void Plain_display_prints_about_twenty_lines_per_stage_and_every_skipped_step()
    {
        var output = new StringWriter();
        using (var display = ProgressDisplay.Create(output))
        {
            Assert.IsType<PlainProgressDisplay>(display);
            display.StageStarted("rl", 100);
            for (var step = 1; step <= 100; step++)
                display.StepCompleted(step == 33 ? Step(step) with { StepSkipped = "non_finite" } : Step(step));
            display.Message("checkpoint saved");
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("stage rl: 100 steps", lines[0]);
        Assert.Equal(1 + 20 + 1 + 1, lines.Length);
        Assert.EndsWith("optimizer step skipped (non_finite)", lines.Single(line => line.Contains("step 33/100")));
        Assert.Equal("checkpoint saved", lines[^1]);
    }

    [Fact]
    public void Live_display_draws_stage_progress_and_numbers_and_prints_messages()
    {
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(output),
            Ansi = Spectre.Console.AnsiSupport.Yes,
            ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
            Interactive = Spectre.Console.InteractionSupport.Yes,
        });
        console.Profile.Width = 120;
        using (var display = new LiveProgressDisplay(console))
        {
            display.StageStarted("rl", 100);
            display.StepCompleted(Step(25) with { EvalMetric = "mean(correct)", EvalScore = 0.875 });
            display.Message("resumed from step 24");
        }
        var text = output.ToString();
        Assert.Contains("resumed from step 24", text);
        Assert.Contains("25/100 (25%)", text);
        Assert.Contains("ETA 2 minutes, 30 seconds", text);
        Assert.Contains("accuracy 0.250", text);
        Assert.Contains("rollout 1.2k", text);
        Assert.Contains("sampling 50%", text);
        Assert.Contains("mean(correct) 0.875 (step 25)", text);
    }

    [Fact]
    public void Summary_table_has_a_row_per_stage_with_humanized_numbers()
    {
        var steps = Enumerable.Range(1, 3).Select(step => Step(step, total: 61) with { Stage = "warmup", StageIndex = 0, RewardMean = null })
            .Append(new StepMetrics { Stage = "rl", StageIndex = 1, Step = 0, EvalMetric = "mean(correct)", EvalScore = 0.25, Time = new PhaseTimes(0, 0, 0, 0, 0) })
            .Concat(Enumerable.Range(1, 4).Select(step => Step(step) with { EvalMetric = step == 4 ? "mean(correct)" : null, EvalScore = step == 4 ? 0.75 : null }))
            .ToList();
        var output = new StringWriter();
        ProgressDisplay.CreateConsole(output).Write(RunSummaryTable.Build(steps, TimeSpan.FromSeconds(191)));
        var text = output.ToString();
        Assert.Contains("run finished in 3 minutes, 11 seconds", text);
        Assert.Matches(@"warmup\s*│\s*3\s*│\s*3 minutes, 3 seconds\s*│\s*–", text);
        Assert.Matches(@"rl\s*│\s*4\s*│\s*8 seconds\s*│\s*0\.500\s*│\s*0\.125\s*│\s*mean\(correct\) 0\.750\s*│\s*1\.2k\s*│\s*800\s*│\s*0", text);
    }

    [Fact]
    public void Summary_on_redirected_standard_output_is_plain_text_even_when_TERM_claims_colours()
    {
        var steps = Enumerable.Range(1, 3).Select(step => Step(step) with { EvalMetric = step == 3 ? "mean(correct)" : null, EvalScore = step == 3 ? 0.5 : null }).ToList();
        var standardOutput = Console.Out;
        var term = Environment.GetEnvironmentVariable("TERM");
        using var captured = new StringWriter();
        try
        {
            Environment.SetEnvironmentVariable("TERM", "xterm-256color");
            Console.SetOut(captured);
            Assert.True(Console.IsOutputRedirected, "the test host's standard output is a pipe, which is the case under test");
            ProgressDisplay.CreateConsole(Console.Out).Write(RunSummaryTable.Build(steps, TimeSpan.FromSeconds(75)));
        }
        finally
        {
            Console.SetOut(standardOutput);
            Environment.SetEnvironmentVariable("TERM", term);
        }
        var text = captured.ToString();
        Assert.Contains("run finished in 1 minute, 15 seconds", text);
        Assert.DoesNotContain('\x1b', text);
    }

    [Fact]
    public void A_console_that_is_not_a_terminal_writes_no_escape_codes_where_a_terminal_would()
    {
        var table = RunSummaryTable.Build([Step(1)], TimeSpan.FromSeconds(2));
        var plain = new StringWriter();
        ProgressDisplay.CreateConsole(plain, terminal: false).Write(table);
        var coloured = new StringWriter();
        var terminal = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(coloured),
            Ansi = Spectre.Console.AnsiSupport.Yes,
            ColorSystem = Spectre.Console.ColorSystemSupport.Standard,
        });
        terminal.Write(table);

        Assert.DoesNotContain('\x1b', plain.ToString());
        Assert.Contains('\x1b', coloured.ToString());
        Assert.False(ProgressDisplay.IsTerminal(plain));
    }

    [Theory]
    [InlineData(0.25, "0.25 s")]
    [InlineData(125, "2 minutes, 5 seconds")]
    [InlineData(3 * 3600 + 60, "3 hours, 1 minute")]
    public void Durations_read_naturally(double seconds, string expected) =>
        Assert.Equal(expected, HumanFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(999.0, "999")]
    [InlineData(1234.5, "1.2k")]
    [InlineData(2_500_000.0, "2.5M")]
    public void Quantities_get_metric_suffixes(double value, string expected) =>
        Assert.Equal(expected, HumanFormat.Quantity(value));
}
