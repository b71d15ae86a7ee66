using Reft.Runtime.Torch;
using static Reft.Runtime.Torch.torch.nn.functional;

namespace Reft.Runtime.Models;

public sealed partial class Transformer
{
    /// <summary>
    /// Logits [B, T, vocab] (float32) for token ids [B, T]. <paramref name="attentionMask"/> [B, T]
    /// marks real tokens (nonzero) among the new ones; padding may sit on the left of a prompt or
    /// the right of a completion. Each token's rotary position is the number of real tokens before
    /// it in its row, so left padding does not shift positions. With a cache, the new tokens follow
    /// the cached ones and are appended to it. Layers in <paramref name="skip"/> are left out: the
    /// block's input passes through unchanged.
    /// </summary>
    public Tensor Forward(Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null, SkipSet? skip = null) =>
        torch.WrappedTensorDisposeScope(() => Logits(Hidden(inputIds, attentionMask, cache, skip)));

    /// <summary>The final-normed hidden states [B, T, hidden] (see <see cref="Forward"/>).</summary>
    public Tensor Hidden(Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null, SkipSet? skip = null)
    {
        skip ??= cache?.Skip ?? SkipSet.Empty;
        skip.RequireFits(Config.NumLayers);
        if (cache is not null && cache.Skip != skip)
        {
            throw new ArgumentException($"the KV cache was built for skip set {cache.Skip} but the forward pass asks for {skip}; use one cache per skip set");
        }

        return torch.WrappedTensorDisposeScope(() =>
        {
            var (batch, tokens) = (inputIds.size(0), inputIds.size(1));
            cache?.RequireRoom(tokens);
            var isReal = attentionMask?.ne(0) ?? torch.ones([batch, tokens], ScalarType.Bool, Device);
            var realBefore = isReal.to(ScalarType.Float32).cumsum(1) - 1;
            var positions = (cache is null ? realBefore : realBefore + cache.RealTokens.unsqueeze(1)).clamp_min(0);
            var past = cache?.Length ?? 0;
            var keyIsReal = cache is null ? isReal : torch.cat([cache.PastKeyIsReal, isReal], 1);
            var mask = AttentionMask.Build(keyIsReal, past, tokens);
            var (cos, sin) = rotary.Angles(positions, DType);
            var x = embedding(inputIds, tokenEmbedding);
            foreach (var block in blocks.Where((_, layer) => !skip.Contains(layer)))
            {
                x = block.Forward(x, cos, sin, mask, cache);
            }

            cache?.Advance(isReal);
            return rms_norm(x, [Config.HiddenSize], finalNorm, Config.RmsNormEps);
        });
    }

    /// <summary>The LM head over hidden states [..., hidden] → float32 logits [..., vocab].</summary>
    public Tensor Logits(Tensor hidden) => torch.WrappedTensorDisposeScope(() => linear(hidden, lmHead).to(ScalarType.Float32));

    /// <summary>
    /// Logit elements one no-grad scoring chunk may hold: 2^28 float32s, 1 GiB. Scoring long completions
    /// against a 150k vocabulary (log π_old, the reference model, the behaviour model) would otherwise
    /// hold [B, C, V] logits at once, e.g. 64 x 1024 x 151,936 floats = 40 GB.
    /// </summary>
    public const long NoGradLogitBudget = 1L << 28;

    /// <summary>
    /// log π(completion token t | prompt, earlier completion tokens) for every completion position,
    /// [B, C] float32, zero where the completion mask is zero. Differentiable when grad is enabled
    /// (the learner's log π_θ); under no_grad it recomputes log π_old, taking the LM head over the
    /// completion positions in chunks of at most <paramref name="logitBudget"/> logits (backprop needs
    /// every logit, so with grad there is one chunk). With a skip set it gives the layer-skipped
    /// behaviour model's log μ. Logits are divided by <paramref name="temperature"/> first, to match
    /// sampling at that temperature.
    /// </summary>
    public Tensor SequenceLogProbs(LearnerInput input, SkipSet? skip = null, double temperature = 1.0, long logitBudget = NoGradLogitBudget)
    {
        if (temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "the temperature must be positive");
        }

        return torch.WrappedTensorDisposeScope(() =>
        {
            var hidden = Hidden(input.InputIds, input.AttentionMask, null, skip);
            var predicting = hidden.narrow(1, input.PromptLength - 1, input.CompletionLength);
            var rows = Math.Max(1L, predicting.shape[0]);
            var positionsPerChunk = torch.is_grad_enabled() ? input.CompletionLength : Math.Clamp(logitBudget / (rows * Config.VocabSize), 1L, Math.Max(1L, input.CompletionLength));
            var chunks = new List<Tensor>();
            for (var start = 0L; start < input.CompletionLength; start += positionsPerChunk)
            {
                var length = Math.Min(positionsPerChunk, input.CompletionLength - start);
                chunks.Add(ChosenLogProbs(predicting.narrow(1, start, length), input.CompletionIds.narrow(1, start, length), temperature));
            }

            var logProbs = chunks.Count == 1 ? chunks[0] : torch.cat(chunks, 1);
            return logProbs * input.CompletionMask;
        });
    }

    /// <summary>log softmax(LM head(hidden) / temperature) at the chosen ids, [B, n], without materialising the log-softmax.</summary>
    private Tensor ChosenLogProbs(Tensor hidden, Tensor ids, double temperature)
    {
        var logits = Logits(hidden);
        if (temperature != 1.0)
        {
            logits = logits / temperature;
        }

        return logits.gather(-1, ids.unsqueeze(-1)).squeeze(-1) - logits.logsumexp(-1);
    }
}
