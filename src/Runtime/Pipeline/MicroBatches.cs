using System.Collections;
using Reft.Runtime.Rollout;

namespace Reft.Runtime.Pipeline;

/// <summary>The backprop micro-batches of a step: rows of the optimizer batch, owned and freed together.</summary>
public sealed class MicroBatches(RolloutBatch batch, IEnumerable<IReadOnlyList<int>> rows) : IReadOnlyList<RolloutBatch>, IDisposable
{
    private readonly List<RolloutBatch> batches = rows.Select(batch.Select).ToList();

    public int Count => batches.Count;

    public RolloutBatch this[int index] => batches[index];

    public IEnumerator<RolloutBatch> GetEnumerator() => batches.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var micro in batches) micro.Dispose();
    }
}
