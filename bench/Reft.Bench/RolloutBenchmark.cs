using Reft.Runtime.Models;
using Reft.Runtime.Rollout;
using Reft.Runtime.Text;
using Reft.Runtime.Torch;

namespace Reft.Bench;

/// <summary>
/// Rollout tokens/s of the tiny default model (6 layers, dim 128, 4 heads, context 64, chars
/// vocabulary) at batch 1, 8 and 64: full depth, skipping 25% and 50% of the layers (the first and
/// last layer kept), and without a KV cache. Every completion runs to its token limit (no
/// end-of-sequence), so each variant does the same number of decoding steps.
/// </summary>
public sealed class RolloutBenchmark : IBenchmark
{
    private const int Layers = 6, Dim = 128, Heads = 4, Context = 64, Seed = 7;
    private const int SkipCompletionTokens = 56;
    private const int CacheCompletionTokens = 64;
    private static readonly int[] Batches = [1, 8, 64];
    private static readonly double[] SkipFractions = [0.25, 0.5];

    public string Name => "rollout";

    public string Description => "rollout tokens/s of the tiny model: full, 25%/50% layers skipped, no KV cache (batch 1/8/64)";

    public void Run()
    {
        var device = torch.cuda.is_available() ? Device.CUDA : Device.CPU;
        var tokenizer = CharTokenizer.Default;
        var config = ModelConfig.Tiny(Layers, Dim, Heads, Heads, Context, tokenizer.VocabSize);
        using var model = Transformer.Create(config, Seed, device: device);
        // 64-token completions do not fit a 64-token context after a prompt; RoPE has no learned
        // positions, so the same weights with a longer limit measure the cache at that length.
        using var longContext = Transformer.Create(config with { MaxPositionEmbeddings = Context + 16 }, Seed, device: device);
        var skips = SkipFractions.Select(fraction => (Fraction: fraction, Skip: MiddleLayers(config.NumLayers, fraction))).ToArray();
        Console.WriteLine($"device: {device}, threads: {torch.get_num_threads()}, {config.NumLayers} layers, dim {config.HiddenSize}, vocab {config.VocabSize}");
        Console.WriteLine($"skip rows: {SkipCompletionTokens}-token completions; cache rows: {CacheCompletionTokens}-token completions");
        Console.WriteLine($"variants run round-robin after a warm-up, best of {Rounds} rounds each, so load changes hit all alike");

        Console.WriteLine($"{"batch",6} {"skipped",-16}{"tok/s",10}{"speedup",10}{"ideal",8}{"of ideal",10}");
        foreach (var batch in Batches)
        {
            var variants = new List<Func<double>> { () => TokensPerSecond(model, tokenizer, batch, SkipSet.Empty, SkipCompletionTokens, useCache: true, seed: 0) };
            variants.AddRange(skips.Select(skip => (Func<double>)(() => TokensPerSecond(model, tokenizer, batch, skip.Skip, SkipCompletionTokens, useCache: true, seed: 0))));
            var best = RoundRobin(variants);
            Console.WriteLine($"{batch,6} {"none",-16}{best[0],10:F0}{1.0,10:F2}{1.0,8:F2}");
            for (var i = 0; i < skips.Length; i++)
            {
                var ideal = IdealSpeedup(config, skips[i].Skip.Count, promptTokens: 8, SkipCompletionTokens);
                var speedup = best[i + 1] / best[0];
                Console.WriteLine($"{batch,6} {$"{skips[i].Skip} ({skips[i].Fraction:P0})",-16}{best[i + 1],10:F0}{speedup,10:F2}{ideal,8:F2}{speedup / ideal,10:F2}");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"batch",6} {"cache tok/s",14}{"recompute tok/s",18}{"cache/recompute",18}");
        foreach (var batch in Batches)
        {
            var best = RoundRobin(
            [
                () => TokensPerSecond(longContext, tokenizer, batch, SkipSet.Empty, CacheCompletionTokens, useCache: true, seed: 0),
                () => TokensPerSecond(longContext, tokenizer, batch, SkipSet.Empty, CacheCompletionTokens, useCache: false, seed: 0),
            ]);
            Console.WriteLine($"{batch,6} {best[0],14:F0}{best[1],18:F0}{best[0] / best[1],18:F2}");
        }

        Console.WriteLine("(targets: skipping 50% at batch 64 >= 0.85 of ideal; cache/recompute >= 5 at 64 tokens)");
    }

    private const int Rounds = 3;

    /// <summary>One warm-up of each variant, then <see cref="Rounds"/> rounds of all of them in turn; the best tokens/s of each.</summary>
    private static double[] RoundRobin(IReadOnlyList<Func<double>> variants)
    {
        foreach (var variant in variants)
        {
            variant();
        }

        var best = new double[variants.Count];
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < variants.Count; i++)
            {
                best[i] = Math.Max(best[i], variants[i]());
            }
        }

        return best;
    }

    private static double TokensPerSecond(Transformer model, ITokenizer tokenizer, int batch, SkipSet skip, int tokens, bool useCache, ulong seed)
    {
        var engine = new RolloutEngine(model, tokenizer, new RolloutEngineOptions { UseKvCache = useCache });
        var prompts = Enumerable.Range(0, batch).Select(i => RolloutPrompt.Encode(tokenizer, i, $"{i % 97}+{i % 13}=")).ToArray();
        var sampling = new SamplingOptions { MaxNewTokens = tokens, EosTokenIds = [] };
        using var rollout = engine.Sample(prompts, group: 1, skip, sampling, seed);
        return rollout.Stats.TokensPerSecond;
    }

    /// <summary>round(fraction · layers) contiguous layers from the middle, never the first or the last.</summary>
    private static SkipSet MiddleLayers(int layers, double fraction)
    {
        var count = Math.Clamp((int)Math.Round(fraction * layers, MidpointRounding.AwayFromZero), 1, layers - 2);
        var start = 1 + (layers - 2 - count) / 2;
        return SkipSet.Of(Enumerable.Range(start, count));
    }

    /// <summary>
    /// Speedup the FLOP share predicts: per generated token, each block costs 2·(its parameters)
    /// plus attention over the average context (4·dim·context), the LM head 2·vocab·dim.
    /// </summary>
    private static double IdealSpeedup(ModelConfig config, int skipped, int promptTokens, int completionTokens)
    {
        long dim = config.HiddenSize, kv = config.NumKvHeads * config.HeadDim, q = config.NumHeads * config.HeadDim;
        var blockParameters = dim * q + 2 * dim * kv + q * dim + 3 * dim * config.IntermediateSize;
        var averageContext = promptTokens + completionTokens / 2.0;
        var block = 2.0 * blockParameters + 4.0 * q * averageContext;
        var head = 2.0 * config.VocabSize * dim;
        return (config.NumLayers * block + head) / ((config.NumLayers - skipped) * block + head);
    }
}
