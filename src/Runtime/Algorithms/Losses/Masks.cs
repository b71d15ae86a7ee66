using Reft.Runtime.Torch;

namespace Reft.Runtime.Algorithms;

/// <summary>Completion masks [B, T] (1 = real completion token) and row selection.</summary>
public static class Masks
{
    /// <summary>mask_truncated: rows of completions that hit max_tokens (<paramref name="truncated"/> [B], bool or 0/1) get no loss.</summary>
    public static Tensor WithoutTruncated(Tensor mask, Tensor truncated) =>
        mask * (1 - truncated.to_type(mask.dtype)).unsqueeze(1);

    /// <summary>The rows of <paramref name="rows"/> (first dimension) listed in <paramref name="kept"/>, in that order.</summary>
    public static Tensor SelectRows(Tensor rows, IReadOnlyList<int> kept) =>
        rows.index_select(0, torch.tensor(kept.Select(i => (long)i).ToArray(), device: rows.device));
}
