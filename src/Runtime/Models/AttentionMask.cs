using Reft.Runtime.Torch;

namespace Reft.Runtime.Models;

internal static class AttentionMask
{
    /// <summary>
    /// Which keys each query may see, [B, 1, T, S] bool: earlier-or-same positions that hold real
    /// tokens. Every query also sees itself, so that padding queries (whose outputs nobody reads)
    /// get a finite softmax instead of NaNs that would leak through later layers.
    /// </summary>
    public static Tensor Build(Tensor keyIsReal, long past, long newTokens)
    {
        var keys = keyIsReal.size(1);
        var keyPositions = torch.arange(keys, device: keyIsReal.device).unsqueeze(0);
        var queryPositions = torch.arange(past, past + newTokens, device: keyIsReal.device).unsqueeze(1);
        var causal = keyPositions.le(queryPositions).unsqueeze(0);
        var self = keyPositions.eq(queryPositions).unsqueeze(0);
        return causal.logical_and(keyIsReal.unsqueeze(1)).logical_or(self).unsqueeze(1);
    }
}
