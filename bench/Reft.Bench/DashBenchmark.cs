using System.Diagnostics;
using Reft.Runtime.Algorithms;
using Reft.Runtime.Data;
using Reft.Runtime.Models;
using Reft.Runtime.Pipeline;
using Reft.Runtime.Rewards;
using Reft.Runtime.Rollout;
using Reft.Runtime.Text;
using Reft.Runtime.Torch;

namespace Reft.Bench;

/// <summary>
/// DASH: wall time of one RL step of the default example (32 prompts x 8 completions, micro-batches
/// of 8 prompts) with preemptive sampling (one sampling call for the whole step) and gradient
/// filtering (|A| &gt; 0.05), against standard GRPO that samples each micro-batch right before its
/// backprop and filters nothing. Same warmed-up weights, prompts and seeds; steps alternate.
/// </summary>
public sealed class DashBenchmark : IBenchmark
{
    private const int Prompts = 32, Group = 8, MicroPrompts = 8, MaxTokens = 8, WarmupSteps = 40, Steps = 4;
    private const double Threshold = 0.05;

    public string Name => "dash";

    public string Description => "DASH step time: preemptive sampling + filtering vs per-micro-batch sampling without filtering";

    public void Run()
    {
        var device = torch.cuda.is_available() ? Device.CUDA : Device.CPU;
        var tokenizer = CharTokenizer.Default;
        var data = new ArithmeticDataset(1, 3, "+-", 20000, 7);
        using var model = Transformer.Create(ModelConfig.Tiny(6, 128, 4, 4, 64, tokenizer.VocabSize), seed: 7, device: device);
        WarmUp(model, tokenizer, data);
        // lr 0: both variants do the optimizer's work but keep the same weights, so they sample alike.
        using var optimizer = torch.optim.AdamW(model.Parameters, lr: 0.0);
        var sampling = new SamplingOptions { MaxNewTokens = MaxTokens };

        var dash = new StepTimes();
        var standard = new StepTimes();
        for (var step = -1; step < Steps; step++)
        {
            var examples = Enumerable.Range(0, Prompts).Select(i => data[10_000 + (step + 1) * Prompts + i]).ToList();
            var dashTime = DashStep(model, optimizer, tokenizer, examples, sampling, (ulong)(step + 1));
            var standardTime = StandardStep(model, optimizer, tokenizer, examples, sampling, (ulong)(step + 1));
            if (step < 0) continue; // warm-up
            dash.Add(dashTime);
            standard.Add(standardTime);
        }

        Console.WriteLine($"device {device}, {torch.get_num_threads()} threads; mean of {Steps} steps of {Prompts} prompts x {Group} completions, micro-batches of {MicroPrompts} prompts");
        Console.WriteLine($"{"RL step",-40}{"seconds",10}{"sampling",10}{"rows kept",11}{"speedup",9}");
        Console.WriteLine($"{"standard: sample per micro-batch",-40}{standard.Seconds,10:F2}{standard.SamplingShare,10:P0}{standard.KeptShare,11:P0}{1.0,9:F2}");
        Console.WriteLine($"{"DASH: preemptive sampling + filter",-40}{dash.Seconds,10:F2}{dash.SamplingShare,10:P0}{dash.KeptShare,11:P0}{standard.Seconds / dash.Seconds,9:F2}");
    }

    private static (double Total, double Sampling, int Kept, int Rows) DashStep(Transformer model, AdamW optimizer, ITokenizer tokenizer, IReadOnlyList<Example> examples, SamplingOptions sampling, ulong seed)
    {
        var watch = Stopwatch.StartNew();
        using var scope = torch.NewDisposeScope();
        var engine = new RolloutEngine(model, tokenizer);
        var sampleWatch = Stopwatch.StartNew();
        using var batch = engine.Sample(Encode(tokenizer, examples), Group, SkipSet.Empty, sampling, seed);
        var samplingSeconds = sampleWatch.Elapsed.TotalSeconds;
        var advantages = Advantages.Group(Rewards(batch, examples, tokenizer, device: model.Device), Group, AdvantageScale.Std);
        var kept = AdvantageFilter.AbsAdvantageAbove(advantages, Threshold);
        if (!kept.SkipStep)
        {
            var rows = DashPlan.Create(Prompts, MicroPrompts, Group).MicroBatches(kept.Kept.Length).Select(range => kept.Kept[range].ToArray()).ToList();
            using var micro = new MicroBatches(batch, rows);
            var normalizer = LossNormalizer.For(LossAggregation.TokenMean, micro.Select(m => m.CompletionMask));
            for (var i = 0; i < micro.Count; i++) Backprop(model, micro[i], Masks.SelectRows(advantages, rows[i]), normalizer);
        }
        optimizer.step();
        optimizer.zero_grad();
        torch.cuda.synchronize();
        return (watch.Elapsed.TotalSeconds, samplingSeconds, kept.Kept.Length, batch.Rows);
    }

    private static (double Total, double Sampling, int Kept, int Rows) StandardStep(Transformer model, AdamW optimizer, ITokenizer tokenizer, IReadOnlyList<Example> examples, SamplingOptions sampling, ulong seed)
    {
        var watch = Stopwatch.StartNew();
        var samplingSeconds = 0.0;
        var rows = 0;
        var engine = new RolloutEngine(model, tokenizer);
        for (var start = 0; start < Prompts; start += MicroPrompts)
        {
            using var scope = torch.NewDisposeScope();
            var chunk = examples.Skip(start).Take(MicroPrompts).ToList();
            var sampleWatch = Stopwatch.StartNew();
            using var batch = engine.Sample(Encode(tokenizer, chunk), Group, SkipSet.Empty, sampling, seed * 1000 + (ulong)start);
            samplingSeconds += sampleWatch.Elapsed.TotalSeconds;
            var advantages = Advantages.Group(Rewards(batch, chunk, tokenizer, model.Device), Group, AdvantageScale.Std);
            // Each micro-batch is a quarter of the step: its token mean is scaled to its share.
            var normalizer = LossNormalizer.For(LossAggregation.TokenMean, [batch.CompletionMask]);
            Backprop(model, batch, advantages, normalizer, scale: (double)MicroPrompts / Prompts);
            rows += batch.Rows;
        }
        optimizer.step();
        optimizer.zero_grad();
        torch.cuda.synchronize();
        return (watch.Elapsed.TotalSeconds, samplingSeconds, rows, rows);
    }

    private static void Backprop(Transformer model, RolloutBatch micro, Tensor advantages, LossNormalizer normalizer, double scale = 1.0)
    {
        using var scope = torch.NewDisposeScope();
        var logProbs = model.SequenceLogProbs(micro.ToLearnerInput());
        var loss = normalizer.Aggregate(PolicyLosses.ClippedSurrogate(logProbs, logProbs.detach(), advantages, new ClipRange(0.2, 0.28)), micro.CompletionMask) * scale;
        loss.backward();
    }

    private static List<RolloutPrompt> Encode(ITokenizer tokenizer, IReadOnlyList<Example> examples) =>
        examples.Select((row, i) => PromptEncoding.Encode(tokenizer, i, row[ArithmeticDataset.QuestionField] + "=", 56)).ToList();

    /// <summary>The example's reward: correct + (−0.01 · length).</summary>
    private static Tensor Rewards(RolloutBatch batch, IReadOnlyList<Example> examples, ITokenizer tokenizer, Device device) =>
        torch.tensor(Enumerable.Range(0, batch.Rows).Select(row =>
        {
            var completion = batch.CompletionTexts[row];
            var correct = Verifiers.Equal(Verifiers.Number(completion), Verifiers.Number(examples[batch.PromptIndices[row]][ArithmeticDataset.AnswerField]));
            return (float)((correct ? 1.0 : 0.0) - 0.01 * Verifiers.Length(completion, tokenizer));
        }).ToArray(), device: device);

    /// <summary>A short supervised warm-up, so that rewards vary within groups as they do in the example's RL stage.</summary>
    private static void WarmUp(Transformer model, ITokenizer tokenizer, IDataset data)
    {
        using var optimizer = torch.optim.AdamW(model.Parameters, lr: 1e-3);
        for (var step = 0; step < WarmupSteps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var rows = Enumerable.Range(step * 64, 64).Select(i => data[i]).ToList();
            var input = SupervisedBatch.Create(tokenizer, rows.Select(r => r[ArithmeticDataset.QuestionField] + "=").ToList(), rows.Select(r => r[ArithmeticDataset.AnswerField]).ToList(), 64, model.Device);
            var normalizer = LossNormalizer.For(LossAggregation.TokenMean, [input.CompletionMask]);
            normalizer.Aggregate(-model.SequenceLogProbs(input), input.CompletionMask).backward();
            optimizer.step();
            optimizer.zero_grad();
        }
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
