namespace Reft.Runtime.Data;

/// <summary>Where a <see cref="DataOrder"/> stands; a checkpoint stores it to resume the same sequence.</summary>
public sealed record DataPosition(ulong Seed, int Epoch, int Position);

/// <summary>
/// The order examples are visited in: a fresh shuffle of 0..count-1 each epoch (Fisher-Yates driven by
/// (seed, epoch)), read front to back. <see cref="Next"/> continues into the next epoch's shuffle when an
/// epoch runs out, so batches never stall. Restoring a <see cref="Position"/> reproduces the same indices.
/// </summary>
public sealed class DataOrder
{
    readonly int count;
    int[] permutation;

    public DataOrder(int count, ulong seed) : this(count, new DataPosition(seed, 0, 0)) { }

    /// <exception cref="ArgumentException">count is not positive or the position does not fit it.</exception>
    public DataOrder(int count, DataPosition position)
    {
        if (count <= 0) throw new ArgumentException($"a data order needs at least one example (count {count})");
        if (position.Epoch < 0 || position.Position < 0 || position.Position > count)
            throw new ArgumentException($"position {position} does not fit a dataset of {count} examples; resume with the dataset the checkpoint was trained on");
        this.count = count;
        Position = position;
        permutation = Shuffle(count, position.Seed, position.Epoch);
    }

    public DataPosition Position { get; private set; }

    /// <summary>The next n example indices.</summary>
    public int[] Next(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var indices = new int[n];
        var (seed, epoch, position) = Position;
        for (var i = 0; i < n; i++)
        {
            if (position == count)
            {
                epoch++;
                position = 0;
                permutation = Shuffle(count, seed, epoch);
            }
            indices[i] = permutation[position++];
        }
        Position = new DataPosition(seed, epoch, position);
        return indices;
    }

    static int[] Shuffle(int count, ulong seed, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var random = SplitMix64.For(seed, (ulong)epoch);
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)random.Below(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
