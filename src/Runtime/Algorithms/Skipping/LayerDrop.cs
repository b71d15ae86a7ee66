using Reft.Runtime.Models;

namespace Reft.Runtime.Algorithms;

/// <summary>
/// LayerDrop for supervised training: each step skips every block outside the first <see cref="KeepFirst"/> and last
/// <see cref="KeepLast"/> independently with probability <see cref="Probability"/>. A model trained this way keeps
/// working when a Nested-ReFT behaviour model skips blocks. At least one block is protected, so one always runs.
/// </summary>
public sealed record LayerDrop
{
    public LayerDrop(double probability, int keepFirst, int keepLast)
    {
        if (probability is < 0 or >= 1 || double.IsNaN(probability))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "the layer drop probability must lie in [0, 1)");
        if (keepFirst < 0 || keepLast < 0 || keepFirst + keepLast < 1)
            throw new ArgumentOutOfRangeException(nameof(keepFirst), $"keep_first ({keepFirst}) and keep_last ({keepLast}) must be 0 or more and protect at least one layer");
        Probability = probability;
        KeepFirst = keepFirst;
        KeepLast = keepLast;
    }

    public double Probability { get; }

    public int KeepFirst { get; }

    public int KeepLast { get; }

    /// <summary>
    /// The blocks step <paramref name="step"/> skips. The set depends only on (seed, step), so a resumed run draws the
    /// same sets and two runs with one seed train identically.
    /// </summary>
    public SkipSet Draw(int depth, ulong seed, int step)
    {
        if (KeepFirst + KeepLast >= depth)
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"keep_first {KeepFirst} + keep_last {KeepLast} protect every layer of a {depth}-layer model; protect fewer");
        var random = SplitMix64.ForCell(seed, step);
        var dropped = new List<int>();
        for (var layer = KeepFirst; layer < depth - KeepLast; layer++)
        {
            if (random.NextDouble() < Probability)
                dropped.Add(layer);
        }
        return SkipSet.Of(dropped);
    }
}
