using Reft.Runtime.Models;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Rollout;

/// <summary>
/// The rows still being decoded and what the next step needs: either a KV cache (one new token per
/// step) or, without one, the whole sequence so far (recomputed every step). Holds the current
/// next-token logits [rows, vocab]; tensors here outlive the per-step dispose scopes and are freed
/// explicitly.
/// </summary>
internal sealed class DecodingBatch : IDisposable
{
    private readonly Transformer model;
    private readonly SkipSet skip;
    private readonly KvCache? cache;
    private Tensor? sequence;
    private Tensor? sequenceMask;
    private Tensor logits;

    public DecodingBatch(Transformer model, SkipSet skip, int rows, int capacity, bool useCache, Tensor promptIds, Tensor promptMask)
    {
        this.model = model;
        this.skip = skip;
        Rows = Enumerable.Range(0, rows).ToArray();
        if (useCache)
        {
            cache = new KvCache(model, rows, capacity, skip);
        }
        else
        {
            sequence = promptIds.alias().DetachFromDisposeScope();
            sequenceMask = promptMask.alias().DetachFromDisposeScope();
        }

        logits = NextTokenLogits(promptIds, promptMask);
    }

    /// <summary>The original row of each row in the batch.</summary>
    public int[] Rows { get; private set; }

    public Tensor Logits => logits;

    public int Compactions { get; private set; }

    /// <summary>Keeps the batch rows <paramref name="keep"/>; returns <paramref name="tokens"/> restricted to them.</summary>
    public Tensor KeepRows(int[] keep, Tensor tokens)
    {
        var index = torch.tensor(keep.Select(i => (long)i).ToArray(), device: model.Device);
        cache?.KeepRows(index);
        Replace(ref sequence, sequence?.index_select(0, index));
        Replace(ref sequenceMask, sequenceMask?.index_select(0, index));
        Replace(ref logits!, logits.index_select(0, index));
        Rows = keep.Select(i => Rows[i]).ToArray();
        Compactions++;
        return tokens.index_select(0, index);
    }

    /// <summary>Feeds the sampled tokens [rows] and computes the next logits.</summary>
    public void Step(Tensor tokens)
    {
        var column = tokens.unsqueeze(1);
        var real = torch.ones(column.shape, ScalarType.Bool, model.Device);
        if (cache is null)
        {
            Replace(ref sequence, torch.cat([sequence!, column], 1));
            Replace(ref sequenceMask, torch.cat([sequenceMask!, real], 1));
            Replace(ref logits!, NextTokenLogits(sequence!, sequenceMask!));
        }
        else
        {
            Replace(ref logits!, NextTokenLogits(column, real));
        }
    }

    public void Dispose()
    {
        cache?.Dispose();
        sequence?.Dispose();
        sequenceMask?.Dispose();
        logits.Dispose();
    }

    private Tensor NextTokenLogits(Tensor ids, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var hidden = model.Hidden(ids, mask, cache, skip);
        var last = hidden.narrow(1, hidden.size(1) - 1, 1);
        return model.Logits(last).squeeze(1).DetachFromDisposeScope();
    }

    private static void Replace(ref Tensor? field, Tensor? next)
    {
        var previous = field;
        field = next?.DetachFromDisposeScope();
        previous?.Dispose();
    }
}
