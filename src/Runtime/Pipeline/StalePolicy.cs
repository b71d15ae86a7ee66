using System.Globalization;
using Reft.Runtime.Models;
using Reft.Runtime.Training.Checkpoints;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// <c>behavior: stale(k steps)</c>: rollouts come from the policy as it was k optimizer steps ago.
/// Keeps the last k + 1 snapshots; before k updates have happened the oldest one is the start.
/// The snapshots go into the stage's checkpoints, so a resumed run samples from the same stale
/// policy as an uninterrupted one.
/// </summary>
public sealed class StalePolicy : IDisposable
{
    /// <summary>The checkpoint subfolder that holds the older snapshots, oldest first.</summary>
    public const string PartName = "stale_policy";

    private readonly Queue<Transformer> snapshots = new();
    private readonly Transformer policy;
    private readonly int lag;

    /// <summary>Starts from a copy of <paramref name="policy"/>, or, when the run resumes inside this
    /// stage, from the snapshots in the checkpoint.</summary>
    public StalePolicy(Transformer policy, int lag, StageState state)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lag, 1);
        this.policy = policy;
        this.lag = lag;
        snapshots.Enqueue(policy.Copy());
        state.Carry(CheckpointPart.Of(PartName, Save, Load));
    }

    /// <summary>The model rollouts are drawn from.</summary>
    public Transformer Model => snapshots.Peek();

    /// <summary>Records the policy after an optimizer step.</summary>
    public void Advance(Transformer policy)
    {
        snapshots.Enqueue(policy.Copy());
        while (snapshots.Count > lag + 1) snapshots.Dequeue().Dispose();
    }

    /// <summary>
    /// Checkpoints are taken after <see cref="Advance"/> (or after a step that changed nothing), so the
    /// newest snapshot is the policy the checkpoint saves anyway: only the k older ones are written.
    /// </summary>
    private void Save(string folder)
    {
        var index = 0;
        foreach (var snapshot in snapshots.Take(snapshots.Count - 1))
            snapshot.Save(Path.Combine(folder, (index++).ToString("D2", CultureInfo.InvariantCulture)));
    }

    /// <summary>Replaces the snapshots by the stored ones plus the restored policy as the newest.</summary>
    private void Load(string folder)
    {
        var stored = Directory.GetDirectories(folder).Order(StringComparer.Ordinal).ToList();
        if (stored.Count > lag)
            throw new CheckpointException($"{folder}: holds {stored.Count} snapshots of the policy, but stale({lag} steps) keeps at most {lag}; resume with the spec that wrote the checkpoint, or start a new run");
        Dispose();
        foreach (var snapshot in stored) snapshots.Enqueue(Transformer.Load(snapshot, policy.DType, policy.Device));
        snapshots.Enqueue(policy.Copy());
    }

    public void Dispose()
    {
        while (snapshots.Count > 0) snapshots.Dequeue().Dispose();
    }
}
