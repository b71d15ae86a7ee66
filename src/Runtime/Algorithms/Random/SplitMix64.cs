namespace Reft.Runtime.Algorithms;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a 64-bit generator whose whole state is one <see cref="ulong"/>,
/// so a checkpoint can store it and a resumed run draws exactly the same numbers.
/// next: s += 0x9E3779B97F4A7C15; z = s; z = (z ^ z>>30)·0xBF58476D1CE4E5B9; z = (z ^ z>>27)·0x94D049BB133111EB; z ^ z>>31.
/// </summary>
public sealed class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public SplitMix64(ulong state) => State = state;

    /// <summary>The generator's full state; <c>new SplitMix64(rng.State)</c> continues the same stream.</summary>
    public ulong State { get; private set; }

    /// <summary>A generator for one (seed, coordinates) cell, independent of how many numbers other cells drew.</summary>
    public static SplitMix64 ForCell(ulong seed, params ReadOnlySpan<long> coordinates)
    {
        var state = Mix(seed);
        foreach (var coordinate in coordinates)
            state = Mix(state ^ Mix((ulong)coordinate + Golden));
        return new SplitMix64(state);
    }

    public ulong NextUInt64()
    {
        State += Golden;
        return Mix(State);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, bound), without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var range = (ulong)bound;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), range, out var low);
            if (low >= threshold) return (int)product;
        }
    }

    /// <summary>Uniform integer in [min, max] inclusive.</summary>
    public int NextInt(int min, int max) => min + NextInt(max - min + 1);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
