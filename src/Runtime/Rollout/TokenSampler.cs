using Reft.Runtime.Torch;

namespace Reft.Runtime.Rollout;

/// <summary>
/// Draws one token per row from next-token logits and returns log μ, the log-probability of the
/// drawn token under the distribution actually sampled from: softmax(logits / temperature),
/// restricted to the top-k / top-p set and renormalised. At temperature 1 without top-k/top-p this
/// is the model's own log-softmax, the quantity the learner recomputes as log π_old. Greedy
/// decoding (and top-k 1) samples from a point mass, so log μ = 0.
/// Sampling is by inverse CDF with uniforms supplied by the caller, so results depend only on
/// those numbers, never on a device's random generator.
/// </summary>
public static class TokenSampler
{
    /// <summary>
    /// logits [B, V] float32; <paramref name="uniforms"/> one number in (0, 1] per row.
    /// Returns tokens [B] int64 and log μ [B] float32 on the logits' device.
    /// </summary>
    public static (Tensor Tokens, Tensor LogProbs) Sample(Tensor logits, SamplingOptions options, IReadOnlyList<double> uniforms)
    {
        var problem = options.FindProblem();
        if (problem is not null)
        {
            throw new ArgumentException($"sampling: {problem}");
        }

        var rows = logits.size(0);
        if (uniforms.Count != rows)
        {
            throw new ArgumentException($"{uniforms.Count} uniforms for {rows} rows");
        }

        using var scope = torch.NewDisposeScope();
        if (options.Greedy)
        {
            var greedy = logits.argmax(-1);
            return (greedy.MoveToOuterDisposeScope(), torch.zeros([rows], ScalarType.Float32, logits.device).MoveToOuterDisposeScope());
        }

        var scaled = options.Temperature == 1.0 ? logits : logits / options.Temperature;
        var truncates = options.TopK > 0 || options.TopP < 1.0;
        var (candidates, order) = truncates ? Truncate(scaled, options) : (scaled, null);
        var logProbs = candidates.log_softmax(-1);
        var cumulative = logProbs.exp().cumsum(-1);
        var total = cumulative.narrow(-1, cumulative.size(-1) - 1, 1);
        var thresholds = torch.tensor(uniforms.Select(u => (float)u).ToArray(), [rows, 1], device: logits.device) * total;
        var picked = cumulative.lt(thresholds).sum(-1, keepdim: true).clamp_max(cumulative.size(-1) - 1).to(ScalarType.Int64);
        var tokens = order is null ? picked : order.gather(-1, picked);
        var chosen = logProbs.gather(-1, picked);
        return (tokens.squeeze(-1).MoveToOuterDisposeScope(), chosen.squeeze(-1).MoveToOuterDisposeScope());
    }

    /// <summary>Sorts each row descending and sets tokens outside top-k / top-p to -inf; returns the sorted logits and their token ids.</summary>
    private static (Tensor Sorted, Tensor Order) Truncate(Tensor logits, SamplingOptions options)
    {
        var (sorted, order) = logits.sort(-1, descending: true);
        var vocabulary = sorted.size(-1);
        if (options.TopK > 0 && options.TopK < vocabulary)
        {
            var beyondK = torch.arange(vocabulary, device: logits.device).ge(options.TopK);
            sorted = sorted.masked_fill(beyondK, double.NegativeInfinity);
        }

        if (options.TopP < 1.0)
        {
            var probabilities = sorted.softmax(-1);
            var massBefore = probabilities.cumsum(-1) - probabilities;
            sorted = sorted.masked_fill(massBefore.ge(options.TopP), double.NegativeInfinity);
        }

        return (sorted, order);
    }
}
