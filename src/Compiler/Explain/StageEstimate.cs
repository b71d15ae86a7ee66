using Reft.Compiler.Plan;

namespace Reft.Compiler.Explain;

/// <summary>
/// Static per-step estimates of a stage (upper bounds: every completion runs to max_tokens, every
/// prompt to max_prompt_tokens). Formulas in docs/language.md, section "Estimates".
/// </summary>
public sealed record StageEstimate(
    string Stage,
    long Parameters,
    long TokensGenerated,
    long TokensBackpropagated,
    long WeightBytes,
    long GradientBytes,
    long AdamWBytes,
    long ActivationBytes,
    long KvCacheBytes,
    int MinSkippedLayers,
    int MaxSkippedLayers,
    int Depth)
{
    public long TotalBytes => WeightBytes + GradientBytes + AdamWBytes + ActivationBytes + KvCacheBytes;
}

public static class Estimates
{
    /// <summary>N = V·H + L·(attention + 3·H·I + 2·H) + H + (tied ? 0 : V·H); attention = 2·H² + 2·H·kv·d (+ H + 2·kv·d biases for qwen2).</summary>
    public static long Parameters(ModelConfig config)
    {
        long h = config.Hidden, v = config.Vocab, kv = (long)config.KvHeads * config.HeadDim;
        var attention = 2 * h * h + 2 * h * kv + (config.AttentionBias ? h + 2 * kv : 0);
        var mlp = 3 * h * config.Intermediate;
        var perLayer = attention + mlp + 2 * h;
        return v * h + config.Layers * perLayer + h + (config.TieEmbeddings ? 0 : v * h);
    }

    /// <summary>Stored activations of one layer for `tokens` tokens of sequences of length s: tokens·(34·H + 5·heads·s)·b/2 (Korthikanti et al. 2022).</summary>
    public static long LayerActivationBytes(ModelConfig config, long tokens, long sequence, int bytesPerValue) =>
        tokens * (34L * config.Hidden + 5L * config.Heads * sequence) * bytesPerValue / 2;

    public static StageEstimate For(TrainingPlan plan, StagePlan stage)
    {
        var config = plan.Policy.Config;
        var b = plan.Precision.BytesPerValue();
        var parameters = Parameters(config);
        var weights = parameters * b * (plan.Reference is null ? 1 : 2);
        var gradients = parameters * b;
        var adam = parameters * 2 * 4;
        switch (stage)
        {
            case RlStagePlan rl:
            {
                var sampling = rl.Sample.Sampling;
                long sequence = sampling.MaxPromptTokens + sampling.MaxTokens;
                var rows = (long)rl.Sample.BatchPrompts * rl.Sample.Group;
                var microRows = (long)rl.Loss.MicroPrompts * rl.Sample.Group;
                var sampleRows = (long)rl.Sample.SampleChunkPrompts * rl.Sample.Group;
                var (minSkip, maxSkip) = rl.Sample.Behaviour is NestedBehaviour nested ? (nested.Skip.MinLayers, nested.Skip.MaxLayers) : (0, 0);
                var activations = config.Layers * LayerActivationBytes(config, microRows * sequence, sequence, b) + microRows * sequence * config.Vocab * 4;
                var keptLayers = config.Layers - minSkip;
                var kvCache = 2L * keptLayers * sampleRows * sequence * config.KvHeads * config.HeadDim * b;
                return new StageEstimate(stage.Name, parameters, rows * sampling.MaxTokens, rows * sequence * rl.Loss.Epochs,
                    weights, gradients, adam, activations, kvCache, minSkip, maxSkip, config.Layers);
            }
            case SftStagePlan sft:
            {
                long sequence = sft.Batch.MaxSequenceTokens;
                var microRows = (long)sft.Loss.MicroPrompts;
                var activations = config.Layers * LayerActivationBytes(config, microRows * sequence, sequence, b) + microRows * sequence * config.Vocab * 4;
                return new StageEstimate(stage.Name, parameters, 0, sft.Batch.BatchPrompts * sequence,
                    weights, gradients, adam, activations, 0, 0, 0, config.Layers);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(stage));
        }
    }
}
