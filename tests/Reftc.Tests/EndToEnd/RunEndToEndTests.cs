using System.Text.Json;
using Reft.Cli.Tests.Cli;

namespace Reft.Cli.Tests.EndToEnd;

/// <summary>
/// The whole path on the CPU: a small spec is checked, generated, compiled, trained (a few steps of
/// SFT and RL on a tiny model) and leaves metrics, a checkpoint and a report behind.
/// </summary>
public sealed class RunEndToEndTests
{
    /// <summary>A spec small enough for CI; the name makes its generated source (and cache entry) its own.</summary>
    public static string SmallSpec(string name) => $$"""
        pipeline {{name}} {
          seed: 3
          device: cpu

          model policy {
            init: tiny(layers: 2, dim: 32, heads: 2, context: 24 tokens)
            tokenizer: chars
          }

          dataset train = arithmetic(digits: 1..1, ops: "+", count: 200)
          dataset test  = arithmetic(digits: 1..1, ops: "+", count: 8, seed: 4)

          prompt: "{question}="

          reward correct = number(completion) == number(answer)
          reward brief   = -0.01 * length(completion)

          stage warmup: sft {
            data: train
            steps: 3
            batch: 8 prompts
            optimizer: adamw(lr: 1e-3)
          }

          stage rl: rl {
            data: train
            steps: 3
            batch: 4 prompts
            group: 4 completions
            sampling: { temperature: 1.0, max_tokens: 3 tokens }
            behavior: nested(skip: random(1..1 layers, keep_first: 0, keep_last: 1), every: batch)
            correction: truncated_is(max: 2.0, level: token)
            objective: grpo
            dash: { sample: 4 prompts, micro: 2 prompts, filter: abs(advantage) > 0.0 }
            optimizer: adamw(lr: 1e-4, grad_clip: 1.0)
            eval: every(3 steps, on: test, metric: mean(correct))
          }

          checkpoint: every(2 steps, keep: 2)
        }

        """;

    [Fact]
    public void SmallSpecTrainsAndLeavesMetricsCheckpointsAndReport()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var spec = folder.Write("small.reft", SmallSpec("e2e_small"));
        var run = Path.Combine(folder.Path, "run");

        var (exitCode, output, error) = CliRunner.Run("run", spec, "--out", run);

        Assert.True(exitCode == 0, output + error);
        var lines = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["warmup", "warmup", "warmup"], lines.Where(l => l.GetProperty("stage").GetString() == "warmup").Select(l => l.GetProperty("stage").GetString()));
        var rlSteps = lines.Where(l => l.GetProperty("stage").GetString() == "rl" && l.GetProperty("step").GetInt32() > 0).ToList();
        Assert.Equal([1, 2, 3], rlSteps.Select(l => l.GetProperty("step").GetInt32()));
        Assert.All(rlSteps, line => Assert.Equal(["brief", "correct"],
            line.GetProperty("reward_terms").EnumerateObject().Select(term => term.Name).Order(StringComparer.Ordinal)));
        Assert.All(rlSteps, line => Assert.Single(line.GetProperty("skip_set").EnumerateArray()));
        Assert.Equal("mean(correct)", rlSteps[^1].GetProperty("eval_metric").GetString());
        var checkpoints = Directory.GetDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["01-rl-0000002", "01-rl-0000003"], checkpoints);
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", "01-rl-0000003", "policy", "model.safetensors")));
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(run, "report.html")));
        Assert.Contains("mean(correct):", output);
    }

    [Fact]
    public void ResumingAFinishedRunTrainsNothingMoreAndReportsAgain()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var spec = folder.Write("small.reft", SmallSpec("e2e_resume"));
        var run = Path.Combine(folder.Path, "run");
        Assert.Equal(0, CliRunner.Run("run", spec, "--out", run).ExitCode);
        var linesBefore = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length;

        var (exitCode, output, error) = CliRunner.Run("run", spec, "--out", run, "--resume");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("compiled before; the assembly comes from the cache", output);
        Assert.Equal(linesBefore, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
    }

    [Fact]
    public void ResumeWithAChangedSpecIsRefusedWithWhatChanged()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var spec = folder.Write("small.reft", SmallSpec("e2e_changed"));
        var run = Path.Combine(folder.Path, "run");
        Assert.Equal(0, CliRunner.Run("run", spec, "--out", run).ExitCode);
        File.WriteAllText(spec, SmallSpec("e2e_changed").Replace("lr: 1e-4", "lr: 2e-4"));

        var (exitCode, _, error) = CliRunner.Run("run", spec, "--out", run, "--resume");

        Assert.Equal(1, exitCode);
        Assert.Contains("stages.rl.update.optimizer.lr: 0.0001 → 0.0002", error);
    }
}
