namespace Reft.Runtime.Data;

/// <summary>A tiny fixed pseudo-random generator (SplitMix64), so generated data and shuffles never change
/// between .NET versions the way System.Random's algorithm may.</summary>
struct SplitMix64(ulong seed)
{
    ulong state = seed;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound) without modulo bias.</summary>
    public long Below(long bound)
    {
        var limit = ulong.MaxValue - ulong.MaxValue % (ulong)bound;
        ulong value;
        do value = Next(); while (value >= limit);
        return (long)(value % (ulong)bound);
    }

    /// <summary>A generator for one (seed, stream) pair: independent streams per example or per epoch.</summary>
    public static SplitMix64 For(ulong seed, ulong stream)
    {
        var mixer = new SplitMix64(seed ^ (stream * 0xD1B54A32D192ED03UL));
        return new SplitMix64(mixer.Next());
    }
}
