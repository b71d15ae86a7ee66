using System.Text.Json;
using Reft.Cli.Tests.Cli;

namespace Reft.Cli.Tests.EndToEnd;

/// <summary>
/// The off-policy paths of the generated loop run, not only compile: completions mixed in from a
/// logged data set under AGRO with KL in the reward and masked IS with both bounds, a stale
/// behaviour policy with REINFORCE and KL in the loss, and DAPO dynamic sampling in chunks.
/// </summary>
public sealed class OffPolicyRunTests
{
    private const string Spec = """
        pipeline offpolicy_paths {
          seed: 5
          device: cpu

          model policy {
            init: tiny(layers: 2, dim: 32, heads: 2, context: 24 tokens)
            tokenizer: chars
          }
          model reference = frozen(policy)

          dataset train  = arithmetic(digits: 1..1, ops: "+", count: 100)
          dataset replay = jsonl("replay.jsonl", question: question, answer: answer, completion: completion)

          prompt: "{question}="

          reward correct = number(completion) == number(answer)

          stage mixed: rl {
            data: train
            steps: 2
            batch: 4 prompts
            group: 4 completions
            sampling: { temperature: 1.0, max_tokens: 3 tokens }
            behavior: dataset(replay, fraction: 50%)
            correction: masked_is(min: 0.5, max: 2.0)
            objective: agro(beta: 0.05)
            kl: k1(0.01, placement: reward)
            optimizer: adamw(lr: 1e-4)
          }

          stage stale: rl {
            data: train
            steps: 2
            batch: 4 prompts
            group: 2 completions
            sampling: { temperature: 1.0, max_tokens: 3 tokens }
            behavior: stale(1 steps)
            correction: behaviour_ratio(max: 4.0)
            objective: reinforce
            kl: k3(0.01)
            optimizer: adamw(lr: 1e-4)
          }

          stage dapo: rl {
            data: train
            steps: 2
            batch: 4 prompts
            group: 4 completions
            sampling: { temperature: 1.0, max_tokens: 3 tokens }
            objective: dapo
            filters: [dynamic(max_rounds: 2), overlong(buffer: 1 tokens, factor: 0.5)]
            dash: { sample: 2 prompts, micro: 2 prompts }
            epochs: 2
            optimizer: adamw(lr: 1e-4)
          }
        }

        """;

    [Fact]
    public void EveryOffPolicyPathTrains()
    {
        using var folder = new CliRunner.TemporaryFolder();
        var replay = string.Join("\n", from a in Enumerable.Range(0, 10) from b in Enumerable.Range(0, 10)
                                       select JsonSerializer.Serialize(new { question = $"{a}+{b}", answer = $"{a + b}", completion = $"{a + b}" }));
        folder.Write("replay.jsonl", replay + "\n");
        var spec = folder.Write("offpolicy.reft", Spec);
        var run = Path.Combine(folder.Path, "run");

        var (exitCode, output, error) = CliRunner.Run("run", spec, "--out", run);

        Assert.True(exitCode == 0, output + error);
        var lines = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["mixed", "mixed", "stale", "stale", "dapo", "dapo"], lines.Select(line => line.GetProperty("stage").GetString()));
        // Every prompt has a logged (correct) completion for half of its group, so the mixed
        // stage's rewards average at least one half.
        Assert.All(lines.Take(2), line => Assert.True(line.GetProperty("reward_terms").GetProperty("correct").GetProperty("mean").GetDouble() >= 0.5));
        Assert.All(lines.Skip(2).Take(2), line => Assert.NotEqual(JsonValueKind.Null, line.GetProperty("kl_ref").ValueKind));
    }
}
