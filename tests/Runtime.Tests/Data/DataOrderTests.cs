using Reft.Runtime.Data;

namespace Reft.Runtime.Tests.Data;

public sealed class DataOrderTests
{
    [Fact]
    public void Each_epoch_is_a_permutation_and_epochs_differ()
    {
        var order = new DataOrder(10, seed: 3);
        var first = order.Next(10);
        var second = order.Next(10);
        Assert.Equal(Enumerable.Range(0, 10), first.Order());
        Assert.Equal(Enumerable.Range(0, 10), second.Order());
        Assert.NotEqual(first, second);
        Assert.NotEqual(Enumerable.Range(0, 10), first);
        Assert.Equal(new DataPosition(3, 1, 10), order.Position);
    }

    [Fact]
    public void Taking_5_then_7_equals_resuming_after_5_then_taking_7()
    {
        var straight = new DataOrder(8, seed: 11);
        var first = straight.Next(5);
        var then = straight.Next(7);

        var saved = new DataOrder(8, seed: 11);
        var firstAgain = saved.Next(5);
        var resumed = new DataOrder(8, saved.Position);
        Assert.Equal(first, firstAgain);
        Assert.Equal(then, resumed.Next(7));
        Assert.Equal(straight.Position, resumed.Position);
        Assert.Equal(new DataPosition(11, 1, 4), resumed.Position);
    }

    [Fact]
    public void One_call_spanning_epochs_equals_many_small_calls()
    {
        var big = new DataOrder(4, seed: 9).Next(13);
        var small = new DataOrder(4, seed: 9);
        var pieces = Enumerable.Range(0, 13).SelectMany(_ => small.Next(1)).ToArray();
        Assert.Equal(big, pieces);
        Assert.Equal(Enumerable.Range(0, 4), big[4..8].Order());
    }

    [Fact]
    public void Bad_positions_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new DataOrder(0, seed: 1));
        Assert.Throws<ArgumentException>(() => new DataOrder(5, new DataPosition(1, 0, 6)));
    }
}
