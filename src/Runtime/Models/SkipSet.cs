using System.Collections;

namespace Reft.Runtime.Models;

/// <summary>
/// The decoder blocks a forward pass leaves out (Nested-ReFT): an immutable, sorted set of layer
/// indices with value equality. A skipped block passes its input through unchanged.
/// </summary>
public sealed class SkipSet : IReadOnlyCollection<int>, IEquatable<SkipSet>
{
    private readonly int[] layers;

    private SkipSet(int[] sortedDistinctLayers)
    {
        layers = sortedDistinctLayers;
    }

    public static SkipSet Empty { get; } = new([]);

    public int Count => layers.Length;

    public bool IsEmpty => layers.Length == 0;

    public static SkipSet Of(params IEnumerable<int> layers)
    {
        var sorted = layers.Distinct().Order().ToArray();
        if (sorted.Length > 0 && sorted[0] < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(layers), $"layer index {sorted[0]} is negative; layers count from 0");
        }

        return sorted.Length == 0 ? Empty : new SkipSet(sorted);
    }

    public bool Contains(int layer) => Array.BinarySearch(layers, layer) >= 0;

    /// <summary>Checks the set against a model of <paramref name="numLayers"/> blocks; at least one block must remain.</summary>
    public void RequireFits(int numLayers)
    {
        if (layers.Length > 0 && layers[^1] >= numLayers)
        {
            throw new ArgumentOutOfRangeException(nameof(numLayers),
                $"skip set {this} names layer {layers[^1]}, but the model has layers 0..{numLayers - 1}");
        }

        if (layers.Length >= numLayers)
        {
            throw new ArgumentOutOfRangeException(nameof(numLayers),
                $"skip set {this} skips all {numLayers} layers; keep at least one");
        }
    }

    /// <summary>The layers of a <paramref name="numLayers"/>-block model that run, in order.</summary>
    public IReadOnlyList<int> KeptLayers(int numLayers) =>
        Enumerable.Range(0, numLayers).Where(layer => !Contains(layer)).ToArray();

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)layers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(SkipSet? other) => other is not null && layers.AsSpan().SequenceEqual(other.layers);

    public override bool Equals(object? obj) => Equals(obj as SkipSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var layer in layers)
        {
            hash.Add(layer);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(",", layers) + "}";

    public static bool operator ==(SkipSet? left, SkipSet? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(SkipSet? left, SkipSet? right) => !(left == right);
}
