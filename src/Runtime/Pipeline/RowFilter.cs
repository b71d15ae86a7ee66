using Reft.Runtime.Algorithms;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Pipeline;

/// <summary>Row selections before backprop that are not the canonical DASH filter.</summary>
public static class RowFilter
{
    /// <summary>Every row is kept (no filter in the spec).</summary>
    public static FilterOutcome All(int rows) => new([.. Enumerable.Range(0, rows)], rows);

    /// <summary>Rows whose advantage satisfies the spec's filter expression.</summary>
    public static FilterOutcome Keep(Tensor advantages, Func<double, bool> keep)
    {
        var values = advantages.detach().data<double>();
        return new FilterOutcome([.. Enumerable.Range(0, values.Length).Where(row => keep(values[row]))], values.Length);
    }
}
