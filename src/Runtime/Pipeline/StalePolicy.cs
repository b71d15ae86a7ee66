using Reft.Runtime.Models;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// <c>behavior: stale(k steps)</c>: rollouts come from the policy as it was k optimizer steps ago.
/// Keeps the last k + 1 snapshots; before k updates have happened the oldest one is the start.
/// </summary>
public sealed class StalePolicy : IDisposable
{
    private readonly Queue<Transformer> snapshots = new();
    private readonly int lag;

    public StalePolicy(Transformer policy, int lag)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lag, 1);
        this.lag = lag;
        snapshots.Enqueue(policy.Copy());
    }

    /// <summary>The model rollouts are drawn from.</summary>
    public Transformer Model => snapshots.Peek();

    /// <summary>Records the policy after an optimizer step.</summary>
    public void Advance(Transformer policy)
    {
        snapshots.Enqueue(policy.Copy());
        while (snapshots.Count > lag + 1) snapshots.Dequeue().Dispose();
    }

    public void Dispose()
    {
        while (snapshots.Count > 0) snapshots.Dequeue().Dispose();
    }
}
