using Reft.Runtime.Torch;

namespace Reft.Runtime.Models;

/// <summary>
/// Keys and values of past tokens for incremental decoding, preallocated to a fixed capacity.
/// Only the layers that run under the cache's skip set have entries. The cache also remembers
/// which past positions hold real tokens (left padding) and how many real tokens each row has,
/// which gives the next token's rotary position.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Dictionary<int, (Tensor Keys, Tensor Values)> layers = new();
    private Tensor keyIsReal;
    private Tensor realTokens;

    public KvCache(Transformer model, int batchSize, int capacity, SkipSet? skip = null)
    {
        var config = model.Config;
        Skip = skip ?? SkipSet.Empty;
        Skip.RequireFits(config.NumLayers);
        Capacity = capacity;
        BatchSize = batchSize;
        foreach (var layer in Skip.KeptLayers(config.NumLayers))
        {
            layers[layer] = (Buffer(model, batchSize, capacity), Buffer(model, batchSize, capacity));
        }

        keyIsReal = torch.zeros([batchSize, capacity], ScalarType.Bool, model.Device).DetachFromDisposeScope();
        realTokens = torch.zeros([batchSize], ScalarType.Float32, model.Device).DetachFromDisposeScope();
    }

    public SkipSet Skip { get; }

    public int Capacity { get; }

    public int BatchSize { get; private set; }

    /// <summary>Positions filled so far (the same for every row).</summary>
    public int Length { get; private set; }

    /// <summary>Layers holding entries, ascending.</summary>
    public IReadOnlyList<int> CachedLayers => layers.Keys.Order().ToList();

    /// <summary>[B] real (non-padding) tokens seen so far per row, as float32 (exact below 2^24; positions feed float32 angles anyway).</summary>
    internal Tensor RealTokens => realTokens;

    /// <summary>[B, Length] which cached positions hold real tokens.</summary>
    internal Tensor PastKeyIsReal => keyIsReal.narrow(1, 0, Length);

    /// <summary>Writes the new keys and values [B, kvHeads, T, headDim] after the past ones; returns all of them.</summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        if (!layers.TryGetValue(layer, out var buffers))
        {
            throw new InvalidOperationException($"layer {layer} is skipped under this cache's skip set {Skip} and has no entries");
        }

        var newTokens = keys.size(2);
        buffers.Keys.narrow(2, Length, newTokens).copy_(keys);
        buffers.Values.narrow(2, Length, newTokens).copy_(values);
        return (buffers.Keys.narrow(2, 0, Length + newTokens), buffers.Values.narrow(2, 0, Length + newTokens));
    }

    internal void RequireRoom(long newTokens)
    {
        if (Length + newTokens > Capacity)
        {
            throw new InvalidOperationException($"the KV cache holds {Capacity} positions; {Length} are used and {newTokens} more do not fit");
        }
    }

    /// <summary>Records that <paramref name="newIsReal"/> [B, T] tokens were appended to every layer.</summary>
    internal void Advance(Tensor newIsReal)
    {
        var newTokens = (int)newIsReal.size(1);
        keyIsReal.narrow(1, Length, newTokens).copy_(newIsReal);
        using (var added = newIsReal.to(ScalarType.Float32).sum(1))
        {
            realTokens.add_(added);
        }

        Length += newTokens;
    }

    /// <summary>Keeps only the rows <paramref name="rows"/> (int64 indices, in the new order), e.g. to drop finished completions.</summary>
    public void KeepRows(Tensor rows)
    {
        foreach (var layer in layers.Keys.ToList())
        {
            var (keys, values) = layers[layer];
            layers[layer] = (Select(keys, rows), Select(values, rows));
        }

        keyIsReal = Select(keyIsReal, rows);
        realTokens = Select(realTokens, rows);
        BatchSize = (int)rows.size(0);
    }

    public void Dispose()
    {
        foreach (var (keys, values) in layers.Values)
        {
            keys.Dispose();
            values.Dispose();
        }

        layers.Clear();
        keyIsReal.Dispose();
        realTokens.Dispose();
    }

    private static Tensor Select(Tensor tensor, Tensor rows)
    {
        var kept = tensor.index_select(0, rows).DetachFromDisposeScope();
        tensor.Dispose();
        return kept;
    }

    private static Tensor Buffer(Transformer model, int batchSize, int capacity) =>
        torch.zeros([batchSize, model.Config.NumKvHeads, capacity, model.Config.HeadDim], model.DType, model.Device).DetachFromDisposeScope();
}
