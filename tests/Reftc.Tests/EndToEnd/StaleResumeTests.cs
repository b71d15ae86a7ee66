using System.Text.Json;
using System.Text.Json.Nodes;
using Reft.Cli.Tests.Cli;

namespace Reft.Cli.Tests.EndToEnd;

/// <summary>
/// A run with <c>behavior: stale(k steps)</c> resumed from a checkpoint ends exactly where an
/// uninterrupted run ends: the checkpoint holds the older policy snapshots, so the resumed steps
/// sample from the same stale policy.
/// </summary>
public sealed class StaleResumeTests
{
    private const string Spec = """
        pipeline stale_resume {
          seed: 11
          device: cpu

          model policy {
            init: tiny(layers: 2, dim: 32, heads: 2, context: 24 tokens)
            tokenizer: chars
          }

          dataset train = arithmetic(digits: 1..1, ops: "+", count: 100)

          prompt: "{question}="

          reward correct = number(completion) == number(answer)
          reward brief   = -0.05 * length(completion)

          stage stale: rl {
            data: train
            steps: 5
            batch: 4 prompts
            group: 4 completions
            sampling: { temperature: 1.0, max_tokens: 3 tokens }
            behavior: stale(2 steps)
            correction: behaviour_ratio(max: 4.0)
            objective: reinforce
            optimizer: adamw(lr: 3e-3)
          }

          checkpoint: every(2 steps, keep: 5)
        }

        """;

    [Fact]
    public void A_stale_run_resumed_from_a_checkpoint_matches_the_uninterrupted_run()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var spec = folder.Write("stale.reft", Spec);
        var uninterrupted = Path.Combine(folder.Path, "uninterrupted");
        var first = CliRunner.Run("run", spec, "--out", uninterrupted);
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.True(Directory.Exists(Path.Combine(uninterrupted, "checkpoints", "00-stale-0000004", "stale_policy", "01")));

        // The interrupted run is the same folder as it was after step 4's checkpoint: the step-5
        // checkpoint never got written, so the resume redoes step 5 from 00-stale-0000004, where the
        // stale policy is the one from step 2, not the step-4 weights the checkpoint's policy holds.
        var resumed = Path.Combine(folder.Path, "resumed");
        CopyFolder(uninterrupted, resumed);
        Directory.Delete(Path.Combine(resumed, "checkpoints", "00-stale-0000005"), recursive: true);
        var second = CliRunner.Run("run", spec, "--out", resumed, "--resume");

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("00-stale-0000004", second.Output);
        Assert.Equal(DeterministicMetrics(uninterrupted), DeterministicMetrics(resumed));
        Assert.Equal(Weights(uninterrupted), Weights(resumed));
    }

    /// <summary>metrics.jsonl without the fields that measure time.</summary>
    private static List<string> DeterministicMetrics(string run) =>
        File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(line =>
        {
            var json = JsonNode.Parse(line)!.AsObject();
            foreach (var name in json.Select(pair => pair.Key).Where(key => key.StartsWith("time_", StringComparison.Ordinal) || key.EndsWith("_per_s", StringComparison.Ordinal)).ToList())
                json.Remove(name);
            return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        }).ToList();

    private static byte[] Weights(string run) =>
        File.ReadAllBytes(Path.Combine(run, "checkpoints", "00-stale-0000005", "policy", "model.safetensors"));

    private static void CopyFolder(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(source, target, StringComparison.Ordinal));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal));
    }
}
