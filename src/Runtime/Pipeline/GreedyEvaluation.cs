using Reft.Runtime.Data;
using Reft.Runtime.Models;
using Reft.Runtime.Rewards;
using Reft.Runtime.Rollout;
using Reft.Runtime.Text;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// <c>eval: every(..., on: data, limit: K, metric: ...)</c>: greedy completions of the first K rows,
/// scored with the spec's reward terms; the result is each term's mean (and "total"), from which
/// the generated code computes the metric.
/// </summary>
public static class GreedyEvaluation
{
    /// <summary>Prompts per generation batch: large enough to keep the device busy, small enough for any KV cache.</summary>
    public const int BatchPrompts = 64;

    public static IReadOnlyDictionary<string, double> Run(
        Transformer policy,
        ITokenizer tokenizer,
        IDataset dataset,
        int? limit,
        int maxTokens,
        Func<Example, ITokenizer, string> prompt,
        Func<string, Example, ITokenizer, RewardTerms> score)
    {
        var count = limit is { } rows ? Math.Min(rows, dataset.Count) : dataset.Count;
        if (count == 0)
            throw new Training.Guards.TrainingStoppedException("eval: error: the evaluation data set has no rows; point `on:` at a data set with rows");
        var engine = new RolloutEngine(policy, tokenizer);
        var sampling = new SamplingOptions { Greedy = true, MaxNewTokens = maxTokens };
        var rewards = new List<RewardTerms>(count);
        for (var start = 0; start < count; start += BatchPrompts)
        {
            using var scope = torch.NewDisposeScope();
            var examples = Enumerable.Range(start, Math.Min(BatchPrompts, count - start)).Select(index => dataset[index]).ToList();
            var prompts = examples.Select((row, index) => PromptEncoding.Encode(tokenizer, index, prompt(row, tokenizer), policy.Config.MaxPositionEmbeddings - 1)).ToList();
            using var batch = engine.Sample(prompts, group: 1, SkipSet.Empty, sampling, seed: 0);
            for (var row = 0; row < examples.Count; row++) rewards.Add(score(batch.CompletionTexts[row], examples[row], tokenizer));
        }
        return RewardTerms.Means(rewards).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }
}
