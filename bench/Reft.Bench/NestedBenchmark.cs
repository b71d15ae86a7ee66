using System.Diagnostics;
using Reft.Runtime.Algorithms;
using Reft.Runtime.Data;
using Reft.Runtime.Models;
using Reft.Runtime.Rollout;
using Reft.Runtime.Text;
using Reft.Runtime.Torch;

namespace Reft.Bench;

/// <summary>
/// Nested-ReFT: rollout tokens/s of the default example's RL stage (examples/arith.reft: 6 layers,
/// dim 128, 32 prompts x 8 completions, 8 new tokens) with its skip schedule (1..2 random layers,
/// the first and last kept, a new set per batch) against the full model, on the same prompts and
/// seeds, batches alternating so load changes hit both alike.
/// </summary>
public sealed class NestedBenchmark : IBenchmark
{
    private const int Layers = 6, Dim = 128, Heads = 4, Context = 64, Prompts = 32, Group = 8, MaxTokens = 8, Batches = 6;

    public string Name => "nested";

    public string Description => "Nested-ReFT rollout tokens/s with the arith example's skip schedule vs the full model";

    public void Run()
    {
        var device = torch.cuda.is_available() ? Device.CUDA : Device.CPU;
        var tokenizer = CharTokenizer.Default;
        var config = ModelConfig.Tiny(Layers, Dim, Heads, Heads, Context, tokenizer.VocabSize);
        using var model = Transformer.Create(config, seed: 7, device: device);
        var data = new ArithmeticDataset(1, 3, "+-", 20000, 7);
        var rule = new SkipRule(new SkipAmount.Range(1, 2), new SkipSelection.Uniform(), KeepFirst: 1, KeepLast: 1);
        var skips = new SkipSampler(SkipSchedule.Constant(rule), Layers, SkipResample.PerBatch, seed: 7);
        var engine = new RolloutEngine(model, tokenizer);
        // Every completion runs to the limit, so both sides generate the same number of tokens.
        var sampling = new SamplingOptions { MaxNewTokens = MaxTokens, EosTokenIds = [] };

        double fullTokens = 0, fullSeconds = 0, nestedTokens = 0, nestedSeconds = 0, skippedLayers = 0;
        for (var batch = -1; batch < Batches; batch++)
        {
            var prompts = Enumerable.Range(0, Prompts).Select(i => RolloutPrompt.Encode(tokenizer, i, data[batch * Prompts + Prompts + i][ArithmeticDataset.QuestionField] + "=")).ToList();
            var skip = SkipSet.Of(skips.Next(batch + 1));
            var (full, fullTime) = Measure(() => engine.Sample(prompts, Group, SkipSet.Empty, sampling, (ulong)(batch + 1)));
            var (nested, nestedTime) = Measure(() => engine.Sample(prompts, Group, skip, sampling, (ulong)(batch + 1)));
            if (batch < 0) continue; // warm-up
            (fullTokens, fullSeconds) = (fullTokens + full, fullSeconds + fullTime);
            (nestedTokens, nestedSeconds) = (nestedTokens + nested, nestedSeconds + nestedTime);
            skippedLayers += skip.Count;
        }

        var fullRate = fullTokens / fullSeconds;
        var nestedRate = nestedTokens / nestedSeconds;
        var meanSkipped = skippedLayers / Batches;
        Console.WriteLine($"device {device}, {torch.get_num_threads()} threads; {Batches} batches of {Prompts} prompts x {Group} completions x {MaxTokens} tokens each");
        Console.WriteLine($"{"rollout",-34}{"tokens/s",12}{"ratio",10}");
        Console.WriteLine($"{"full model",-34}{fullRate,12:F0}{1.0,10:F2}");
        Console.WriteLine($"{$"nested, {meanSkipped:F1} of {Layers} layers skipped",-34}{nestedRate,12:F0}{nestedRate / fullRate,10:F2}");
        Console.WriteLine($"(block-count bound on the speedup: {Layers / (Layers - meanSkipped):F2}; embedding, LM head and sampling do not shrink)");
    }

    private static (double Tokens, double Seconds) Measure(Func<RolloutBatch> sample)
    {
        var watch = Stopwatch.StartNew();
        using var batch = sample();
        torch.cuda.synchronize();
        return (batch.Stats.GeneratedTokens, watch.Elapsed.TotalSeconds);
    }
}
