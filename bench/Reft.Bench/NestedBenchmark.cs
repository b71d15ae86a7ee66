using System.Diagnostics;
using Reft.Runtime.Algorithms;
using Reft.Runtime.Models;
using Reft.Runtime.Rollout;
using Reft.Runtime.Torch;

namespace Reft.Bench;

/// <summary>
/// Nested-ReFT: rollout tokens/s of the default example's RL stage (model shape, prompts per step,
/// group, sampling call size, token limit, temperature and skip rule all read from
/// examples/arith.reft) with its skip schedule against the full model, on the same prompts and
/// seeds, batches alternating so load changes hit both alike. End of sequence is disabled, so every
/// completion runs to the limit and both sides generate the same number of tokens.
/// </summary>
public sealed class NestedBenchmark : IBenchmark
{
    public string Name => "nested";

    public string Description => "Nested-ReFT rollout tokens/s with the arith example's skip schedule vs the full model";

    public IReadOnlyList<Headline> Run(BenchOptions options)
    {
        var example = ArithExample.Load();
        if (example.Skip is not { } rule)
        {
            Console.WriteLine($"{ArithExample.RelativePath} samples from the full model (no nested behaviour): nothing to compare");
            return [];
        }
        var batches = options.Pick(6, 1);
        var device = torch.cuda.is_available() ? Device.CUDA : Device.CPU;
        var layers = example.Model.NumLayers;
        using var model = Transformer.Create(example.Model, seed: example.Seed, device: device);
        var skips = new SkipSampler(SkipSchedule.Constant(rule), layers, example.SkipEvery, seed: (ulong)example.Seed);
        var engine = new RolloutEngine(model, example.Tokenizer);
        var sampling = example.Sampling with { EosTokenIds = [] };

        double fullTokens = 0, fullSeconds = 0, nestedTokens = 0, nestedSeconds = 0, skippedLayers = 0;
        for (var batch = -1; batch < batches; batch++)
        {
            var rows = Enumerable.Range((batch + 1) * example.Prompts, example.Prompts).Select(i => example.Train[i % example.Train.Count]);
            var prompts = example.EncodePrompts(rows);
            var skip = skips.Next(batch + 1);
            var seed = (ulong)(batch + 1);
            var (full, fullTime) = Measure(engine, prompts, example, SkipSet.Empty, sampling, seed);
            var (nested, nestedTime) = Measure(engine, prompts, example, skip, sampling, seed);
            if (batch < 0) continue; // warm-up
            (fullTokens, fullSeconds) = (fullTokens + full, fullSeconds + fullTime);
            (nestedTokens, nestedSeconds) = (nestedTokens + nested, nestedSeconds + nestedTime);
            skippedLayers += skip.Count;
        }

        var fullRate = fullTokens / fullSeconds;
        var nestedRate = nestedTokens / nestedSeconds;
        var meanSkipped = skippedLayers / batches;
        var bound = layers / (layers - meanSkipped);
        Console.WriteLine($"{ArithExample.RelativePath}: {layers} layers, dim {example.Model.HiddenSize}, data {example.DataDescription}, skip {example.SkipDescription}");
        Console.WriteLine($"device {device}, {torch.get_num_threads()} threads; {batches} batches of {example.Prompts} prompts x {example.Group} completions x {sampling.MaxNewTokens} tokens, "
            + $"{example.SampleChunkPrompts} prompts per sampling call");
        Console.WriteLine($"{"rollout",-34}{"tokens/s",12}{"ratio",10}");
        Console.WriteLine($"{"full model",-34}{fullRate,12:F0}{1.0,10:F2}");
        Console.WriteLine($"{$"nested, {meanSkipped:F1} of {layers} layers skipped",-34}{nestedRate,12:F0}{nestedRate / fullRate,10:F2}");
        Console.WriteLine($"(block-count bound on the speedup: {bound:F2}; embedding, LM head and sampling do not shrink)");
        return
        [
            new Headline(Name, $"rollout tok/s, skip {meanSkipped:0.#} of {layers} layers vs full", $"{nestedRate:F0} vs {fullRate:F0}", nestedRate / fullRate, $"bound {bound:F2}"),
        ];
    }

    /// <summary>Tokens and seconds of one step's rollouts, drawn in the example's sampling calls.</summary>
    private static (double Tokens, double Seconds) Measure(RolloutEngine engine, List<RolloutPrompt> prompts, ArithExample example, SkipSet skip, SamplingOptions sampling, ulong seed)
    {
        var watch = Stopwatch.StartNew();
        long tokens = 0;
        for (var start = 0; start < prompts.Count; start += example.SampleChunkPrompts)
        {
            var chunk = prompts.Skip(start).Take(example.SampleChunkPrompts).ToList();
            using var batch = engine.Sample(chunk, example.Group, skip, sampling, seed * 1000 + (ulong)start);
            tokens += batch.Stats.GeneratedTokens;
        }
        torch.cuda.synchronize();
        return (tokens, watch.Elapsed.TotalSeconds);
    }
}
