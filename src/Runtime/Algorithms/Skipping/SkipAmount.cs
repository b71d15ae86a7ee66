namespace Reft.Runtime.Algorithms;

/// <summary>How many decoder layers a Nested-ReFT behaviour model skips in one rollout batch.</summary>
public abstract record SkipAmount
{
    private SkipAmount() { }

    /// <summary>Exactly <paramref name="Layers"/> layers.</summary>
    public sealed record Count(int Layers) : SkipAmount;

    /// <summary>A count drawn uniformly from <paramref name="Min"/>..<paramref name="Max"/> (inclusive) per draw.</summary>
    public sealed record Range(int Min, int Max) : SkipAmount;

    /// <summary>round(<paramref name="Fraction"/> · depth) layers, halves rounded up.</summary>
    public sealed record Ratio(double Fraction) : SkipAmount;

    /// <summary>The largest count this amount can ask for on a model of <paramref name="depth"/> layers.</summary>
    public int MaxLayers(int depth) => this switch
    {
        Count c => c.Layers,
        Range r => r.Max,
        Ratio q => RatioLayers(q.Fraction, depth),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The smallest count this amount can ask for.</summary>
    public int MinLayers(int depth) => this switch
    {
        Count c => c.Layers,
        Range r => r.Min,
        Ratio q => RatioLayers(q.Fraction, depth),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>One draw of the count; only <see cref="Range"/> consumes randomness.</summary>
    public int Draw(int depth, SplitMix64 random) => this is Range r ? random.NextInt(r.Min, r.Max) : MinLayers(depth);

    private static int RatioLayers(double fraction, int depth) => (int)Math.Round(fraction * depth, MidpointRounding.AwayFromZero);

    public override string ToString() => this switch
    {
        Count c => $"{c.Layers} layers",
        Range r => $"{r.Min}..{r.Max} layers",
        Ratio q => $"{q.Fraction * 100:0.##}% layers",
        _ => base.ToString()!,
    };
}
