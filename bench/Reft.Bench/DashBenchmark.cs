using System.Collections.Immutable;
using System.Diagnostics;
using Reft.Runtime.Algorithms;
using Reft.Runtime.Data;
using Reft.Runtime.Models;
using Reft.Runtime.Pipeline;
using Reft.Runtime.Rollout;
using Reft.Runtime.Torch;

namespace Reft.Bench;

/// <summary>
/// DASH: wall time of one RL step of the default example (model, prompts per step, group,
/// micro-batch, sampling, skip rule, advantage scale, clip, filter threshold and rewards read from
/// examples/arith.reft) with preemptive sampling (one sampling call for the whole step) and
/// gradient filtering, against standard GRPO that samples each micro-batch right before its
/// backprop and filters nothing. Same warmed-up weights, prompts, skip sets and seeds; steps
/// alternate. Both use the example's behaviour model, so the comparison isolates DASH.
/// </summary>
public sealed class DashBenchmark : IBenchmark
{
    // Enough supervised steps that some groups hold right and wrong answers (rows survive the
    // filter), without the minutes the example's whole warm-up would add to every run.
    private const int MaxWarmupSteps = 100;

    public string Name => "dash";

    public string Description => "DASH step time: preemptive sampling + filtering vs per-micro-batch sampling without filtering";

    public IReadOnlyList<Headline> Run(BenchOptions options)
    {
        var example = ArithExample.Load();
        var steps = options.Pick(4, 1);
        var device = torch.cuda.is_available() ? Device.CUDA : Device.CPU;
        using var model = Transformer.Create(example.Model, seed: example.Seed, device: device);
        var warmup = Math.Min(example.WarmupSteps, options.Pick(MaxWarmupSteps, 5));
        WarmUp(model, example, warmup);
        // lr 0: both variants do the optimizer's work but keep the same weights, so they sample alike.
        using var optimizer = torch.optim.AdamW(model.Parameters, lr: 0.0);
        // One skip set per step, shared by both variants (standard would otherwise draw one per micro-batch).
        var skips = example.Skip is { } rule ? new SkipSampler(SkipSchedule.Constant(rule), example.Model.NumLayers, SkipResample.PerStep, (ulong)example.Seed) : null;
        var step = new StepRunner(model, optimizer, example);

        var dash = new StepTimes();
        var standard = new StepTimes();
        for (var index = -1; index < steps; index++)
        {
            // The second half of the data set: the warm-up trained on the first.
            var examples = Enumerable.Range(0, example.Prompts).Select(i => example.Train[(example.Train.Count / 2 + (index + 1) * example.Prompts + i) % example.Train.Count]).ToList();
            var skip = skips?.Next(index + 1) ?? SkipSet.Empty;
            var dashTime = step.Dash(examples, skip, (ulong)(index + 1));
            var standardTime = step.Standard(examples, skip, (ulong)(index + 1));
            if (index < 0) continue; // warm-up
            dash.Add(dashTime);
            standard.Add(standardTime);
        }

        var filter = example.FilterThreshold is { } threshold ? $"|A| > {threshold}" : "none";
        Console.WriteLine($"{ArithExample.RelativePath}: {example.Model.NumLayers} layers, dim {example.Model.HiddenSize}, {example.Sampling.MaxNewTokens} new tokens, data {example.DataDescription}, "
            + $"skip {example.SkipDescription}, filter {filter}, reward {example.Reward}");
        Console.WriteLine($"device {device}, {torch.get_num_threads()} threads; {warmup} supervised warm-up steps, then the mean of {steps} steps of {example.Prompts} prompts x {example.Group} completions, "
            + $"micro-batches of {example.MicroPrompts} prompts");
        Console.WriteLine($"{"RL step",-40}{"seconds",10}{"sampling",10}{"rows kept",11}{"speedup",9}");
        Console.WriteLine($"{"standard: sample per micro-batch",-40}{standard.Seconds,10:F2}{Percent(standard.SamplingShare),10}{Percent(standard.KeptShare),11}{1.0,9:F2}");
        Console.WriteLine($"{"DASH: preemptive sampling + filter",-40}{dash.Seconds,10:F2}{Percent(dash.SamplingShare),10}{Percent(dash.KeptShare),11}{standard.Seconds / dash.Seconds,9:F2}");
        return
        [
            new Headline(Name, "RL step seconds, DASH vs standard (speedup)", $"{dash.Seconds:F2} vs {standard.Seconds:F2}", standard.Seconds / dash.Seconds),
            new Headline(Name, "DASH sampling share, rows kept", $"sampling {Percent(dash.SamplingShare)}, {Percent(dash.KeptShare)} kept", null),
        ];
    }

    private static string Percent(double share) => $"{share * 100:F0}%";

    /// <summary>The example's supervised warm-up (its sft batch and lr, without the lr warm-up and clipping; at most <see cref="MaxWarmupSteps"/> steps).</summary>
    private static void WarmUp(Transformer model, ArithExample example, int steps)
    {
        using var optimizer = torch.optim.AdamW(model.Parameters, lr: example.WarmupLearningRate);
        for (var step = 0; step < steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var rows = Enumerable.Range(step * example.WarmupPrompts, example.WarmupPrompts).Select(i => example.Train[i % (example.Train.Count / 2)]).ToList();
            var input = SupervisedBatch.Create(example.Tokenizer, rows.Select(example.PromptText).ToList(), rows.Select(r => r[ArithmeticDataset.AnswerField]).ToList(),
                example.WarmupSequenceTokens, model.Device);
            var normalizer = LossNormalizer.For(LossAggregation.TokenMean, [input.CompletionMask]);
            normalizer.Aggregate(-model.SequenceLogProbs(input), input.CompletionMask).backward();
            optimizer.step();
            optimizer.zero_grad();
        }
    }

    /// <summary>One RL step either way; each returns (total seconds, sampling seconds, rows backpropagated, rows sampled).</summary>
    private sealed class StepRunner(Transformer model, AdamW optimizer, ArithExample example)
    {
        private readonly RolloutEngine engine = new(model, example.Tokenizer);

        public (double Total, double Sampling, int Kept, int Rows) Dash(IReadOnlyList<Example> examples, SkipSet skip, ulong seed)
        {
            var watch = Stopwatch.StartNew();
            using var scope = torch.NewDisposeScope();
            var sampleWatch = Stopwatch.StartNew();
            using var batch = engine.Sample(example.EncodePrompts(examples), example.Group, skip, example.Sampling, seed);
            var samplingSeconds = sampleWatch.Elapsed.TotalSeconds;
            var advantages = Advantages.Group(Rewards(batch, examples), example.Group, example.AdvantageScale);
            var kept = example.FilterThreshold is { } threshold
                ? AdvantageFilter.AbsAdvantageAbove(advantages, threshold).Kept
                : [.. Enumerable.Range(0, batch.Rows)];
            if (!kept.IsEmpty)
            {
                var rows = DashPlan.Create(example.Prompts, example.MicroPrompts, example.Group).MicroBatches(kept.Length).Select(range => kept[range].ToArray()).ToList();
                using var micro = new MicroBatches(batch, rows);
                var normalizer = LossNormalizer.For(LossAggregation.TokenMean, micro.Select(m => m.CompletionMask));
                for (var i = 0; i < micro.Count; i++) Backprop(micro[i], Masks.SelectRows(advantages, rows[i]), normalizer);
            }
            optimizer.step();
            optimizer.zero_grad();
            torch.cuda.synchronize();
            return (watch.Elapsed.TotalSeconds, samplingSeconds, kept.Length, batch.Rows);
        }

        public (double Total, double Sampling, int Kept, int Rows) Standard(IReadOnlyList<Example> examples, SkipSet skip, ulong seed)
        {
            var watch = Stopwatch.StartNew();
            var samplingSeconds = 0.0;
            var rows = 0;
            for (var start = 0; start < examples.Count; start += example.MicroPrompts)
            {
                using var scope = torch.NewDisposeScope();
                var chunk = examples.Skip(start).Take(example.MicroPrompts).ToList();
                var sampleWatch = Stopwatch.StartNew();
                using var batch = engine.Sample(example.EncodePrompts(chunk), example.Group, skip, example.Sampling, seed * 1000 + (ulong)start);
                samplingSeconds += sampleWatch.Elapsed.TotalSeconds;
                var advantages = Advantages.Group(Rewards(batch, chunk), example.Group, example.AdvantageScale);
                // Each micro-batch is its share of the step: its token mean is scaled to that share.
                var normalizer = LossNormalizer.For(LossAggregation.TokenMean, [batch.CompletionMask]);
                Backprop(batch, advantages, normalizer, scale: (double)chunk.Count / examples.Count);
                rows += batch.Rows;
            }
            optimizer.step();
            optimizer.zero_grad();
            torch.cuda.synchronize();
            return (watch.Elapsed.TotalSeconds, samplingSeconds, rows, rows);
        }

        private void Backprop(RolloutBatch micro, Tensor advantages, LossNormalizer normalizer, double scale = 1.0)
        {
            using var scope = torch.NewDisposeScope();
            var logProbs = model.SequenceLogProbs(micro.ToLearnerInput());
            var loss = normalizer.Aggregate(PolicyLosses.ClippedSurrogate(logProbs, logProbs.detach(), advantages, example.Clip), micro.CompletionMask) * scale;
            loss.backward();
        }

        private Tensor Rewards(RolloutBatch batch, IReadOnlyList<Example> examples) =>
            torch.tensor(Enumerable.Range(0, batch.Rows)
                .Select(row => (float)example.Reward.Score(batch.CompletionTexts[row], examples[batch.PromptIndices[row]][ArithmeticDataset.AnswerField], example.Tokenizer))
                .ToArray(), device: model.Device);
    }

    private sealed class StepTimes
    {
        private double total, sampling;
        private long kept, rows;
        private int steps;

        public void Add((double Total, double Sampling, int Kept, int Rows) step)
        {
            total += step.Total;
            sampling += step.Sampling;
            kept += step.Kept;
            rows += step.Rows;
            steps++;
        }

        public double Seconds => total / steps;

        public double SamplingShare => sampling / total;

        public double KeptShare => (double)kept / rows;
    }
}
