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
/// seeds, batches alternating so load changes hit both alike, the fastest of a few repeats of each. End of sequence is disabled, so every
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
        var batches = options.Pick(12, 1);
        var repeats = options.Pick(3, 1);
        var device = torch.cuda.is_available() ? Device.CUDA : Device.CPU;
        var layers = example.Model.NumLayers;
        using var model = Transformer.Create(example.Model, seed: example.Seed, device: device);
        var skips = new SkipSampler(SkipSchedule.Constant(rule), layers, example.SkipEvery, seed: (ulong)example.Seed);
        var engine = new RolloutEngine(model, example.Tokenizer);
        var sampling = example.Sampling with { EosTokenIds = [] };

        // The ideal of each batch's skip set: the same model built with that many fewer layers. On a CPU the
        // block count is no bound (a smaller KV cache and working set make each remaining layer cheaper), so the
        // headline asks how close skipping gets to simply having fewer layers, as the rollout benchmark does.
        var shallow = new Dictionary<int, Transformer>();
        Transformer Shallow(int skipped) =>
            shallow.TryGetValue(skipped, out var found) ? found : shallow[skipped] = Transformer.Create(example.Model with { NumLayers = layers - skipped }, seed: example.Seed, device: device);

        double fullTokens = 0, fullSeconds = 0, nestedTokens = 0, nestedSeconds = 0, idealTokens = 0, idealSeconds = 0, skippedLayers = 0;
        try
        {
            for (var batch = -1; batch < batches; batch++)
            {
                var rows = Enumerable.Range((batch + 1) * example.Prompts, example.Prompts).Select(i => example.Train[i % example.Train.Count]);
                var prompts = example.EncodePrompts(rows);
                var skip = skips.Next(batch + 1);
                var seed = (ulong)(batch + 1);
                var shallowEngine = new RolloutEngine(Shallow(skip.Count), example.Tokenizer);
                var (full, fullTime) = Fastest(repeats, () => Measure(engine, prompts, example, SkipSet.Empty, sampling, seed));
                var (nested, nestedTime) = Fastest(repeats, () => Measure(engine, prompts, example, skip, sampling, seed));
                var (ideal, idealTime) = Fastest(repeats, () => Measure(shallowEngine, prompts, example, SkipSet.Empty, sampling, seed));
                if (batch < 0) continue; // warm-up
                (fullTokens, fullSeconds) = (fullTokens + full, fullSeconds + fullTime);
                (nestedTokens, nestedSeconds) = (nestedTokens + nested, nestedSeconds + nestedTime);
                (idealTokens, idealSeconds) = (idealTokens + ideal, idealSeconds + idealTime);
                skippedLayers += skip.Count;
            }
        }
        finally
        {
            foreach (var shallowModel in shallow.Values) shallowModel.Dispose();
        }

        var fullRate = fullTokens / fullSeconds;
        var speedup = nestedTokens / nestedSeconds / fullRate;
        var idealSpeedup = idealTokens / idealSeconds / fullRate;
        var meanSkipped = skippedLayers / batches;
        Console.WriteLine($"{ArithExample.RelativePath}: {layers} layers, dim {example.Model.HiddenSize}, data {example.DataDescription}, skip {example.SkipDescription}");
        Console.WriteLine($"device {device}, {torch.get_num_threads()} threads; {batches} batches of {example.Prompts} prompts x {example.Group} completions x {sampling.MaxNewTokens} tokens, "
            + $"{example.SampleChunkPrompts} prompts per sampling call, fastest of {repeats} runs each");
        Console.WriteLine($"{"rollout",-44}{"tokens/s",12}{"speedup",10}");
        Console.WriteLine($"{"full model",-44}{fullRate,12:F0}{1.0,10:F2}");
        Console.WriteLine($"{$"nested, {meanSkipped:F1} of {layers} layers skipped",-44}{speedup * fullRate,12:F0}{speedup,10:F2}");
        Console.WriteLine($"{"ideal: a model with that many fewer layers",-44}{idealSpeedup * fullRate,12:F0}{idealSpeedup,10:F2}");
        Console.WriteLine($"(skipping reaches {speedup / idealSpeedup:F2} of the ideal; block-count prediction {layers / (layers - meanSkipped):F2})");
        return
        [
            new Headline(Name, $"rollout, skip {meanSkipped:0.#} of {layers} layers: speedup / ideal", $"speedup {speedup:F2}, ideal {idealSpeedup:F2}", speedup / idealSpeedup),
        ];
    }

    /// <summary>
    /// The fastest of <paramref name="repeats"/> runs. One step's rollouts take a few tenths of a second on a CPU, and single
    /// timings of the same work scattered 0.07-0.8 s (thread wake-ups, collections), which put the ratio above its bound.
    /// </summary>
    private static (double Tokens, double Seconds) Fastest(int repeats, Func<(double Tokens, double Seconds)> measure) =>
        Enumerable.Range(0, repeats).Select(_ => measure()).MinBy(run => run.Seconds);

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
