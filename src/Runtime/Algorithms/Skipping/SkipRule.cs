using Reft.Runtime.Models;

namespace Reft.Runtime.Algorithms;

/// <summary>
/// One Nested-ReFT skip rule: how many layers, which may be skipped (the first <paramref name="KeepFirst"/> and
/// last <paramref name="KeepLast"/> never are), and how they are chosen.
/// </summary>
public sealed record SkipRule(SkipAmount Amount, SkipSelection Selection, int KeepFirst = 1, int KeepLast = 1)
{
    /// <summary>Skip nothing: the behaviour model is the full target model.</summary>
    public static SkipRule None { get; } = new(new SkipAmount.Count(0), new SkipSelection.Uniform(), 0, 0);

    /// <summary>Problems with this rule on a model of <paramref name="depth"/> layers, each saying how to fix it; empty when valid.</summary>
    public IReadOnlyList<string> Problems(int depth)
    {
        var problems = new List<string>();
        if (depth < 1) problems.Add($"the model has {depth} layers; a model needs at least one layer");
        if (KeepFirst < 0 || KeepLast < 0) problems.Add($"keep_first ({KeepFirst}) and keep_last ({KeepLast}) must be 0 or more");
        if (Selection is SkipSelection.Fixed fixedSelection)
        {
            foreach (var layer in fixedSelection.Layers.Where(l => l < 0 || l >= depth))
                problems.Add($"fixed skip layer {layer} is outside 0..{depth - 1}; list layers of this {depth}-layer model");
            if (fixedSelection.Layers.Distinct().Count() != fixedSelection.Layers.Length)
                problems.Add("the fixed skip list names a layer twice; list each layer once");
            if (fixedSelection.Layers.Distinct().Count() >= depth)
                problems.Add($"the fixed skip list skips every layer of the {depth}-layer model; keep at least one");
            return problems;
        }
        var window = SkippableLayers(depth);
        if (Amount is SkipAmount.Range range && range.Min > range.Max)
            problems.Add($"skip range {range.Min}..{range.Max} is empty; write the smaller count first");
        if (Amount is SkipAmount.Ratio ratio && (ratio.Fraction < 0 || ratio.Fraction >= 1 || double.IsNaN(ratio.Fraction)))
            problems.Add($"skip ratio {ratio.Fraction} must be at least 0 and below 1");
        if (Amount.MinLayers(depth) < 0)
            problems.Add($"skip count {Amount} must not be negative");
        if (Amount.MaxLayers(depth) > window)
            problems.Add($"skipping {Amount} needs {Amount.MaxLayers(depth)} skippable layers but only {window} of {depth} are skippable " +
                         $"(keep_first {KeepFirst}, keep_last {KeepLast}); skip fewer layers or protect fewer");
        else if (Amount.MaxLayers(depth) >= depth)
            problems.Add($"skipping {Amount} removes every layer of the {depth}-layer model; skip fewer layers so at least one runs");
        return problems;
    }

    /// <summary>Draws one skip set.</summary>
    public SkipSet Draw(int depth, SplitMix64 random)
    {
        var problems = Problems(depth);
        if (problems.Count > 0) throw new ArgumentException("invalid skip rule: " + string.Join("; ", problems));
        if (Selection is SkipSelection.Fixed fixedSelection) return SkipSet.Of(fixedSelection.Layers);
        var count = Amount.Draw(depth, random);
        if (count == 0) return SkipSet.Empty;
        var window = SkippableLayers(depth);
        return Selection switch
        {
            SkipSelection.Contiguous => SkipSet.Of(Enumerable.Range(KeepFirst + random.NextInt(window - count + 1), count)),
            _ => UniformSubset(count, window, random),
        };
    }

    private int SkippableLayers(int depth) => Math.Max(0, depth - KeepFirst - KeepLast);

    // Partial Fisher–Yates over the window: the first `count` positions form a uniform random subset.
    private SkipSet UniformSubset(int count, int window, SplitMix64 random)
    {
        var layers = Enumerable.Range(KeepFirst, window).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextInt(window - i);
            (layers[i], layers[j]) = (layers[j], layers[i]);
        }
        return SkipSet.Of(layers.Take(count));
    }
}
