using Reft.Runtime.Models;

namespace Reft.Runtime.Tests.Models;

public sealed class SkipSetTests
{
    [Fact]
    public void Sets_are_sorted_distinct_and_equal_by_value()
    {
        var set = SkipSet.Of(3, 1, 3);

        Assert.Equal([1, 3], set);
        Assert.Equal(SkipSet.Of(1, 3), set);
        Assert.Equal(SkipSet.Of(1, 3).GetHashCode(), set.GetHashCode());
        Assert.True(set == SkipSet.Of([3, 1]));
        Assert.NotEqual(SkipSet.Of(1), set);
        Assert.Equal("{1,3}", set.ToString());
        Assert.Same(SkipSet.Empty, SkipSet.Of());
    }

    [Fact]
    public void Kept_layers_are_the_complement_in_order()
    {
        Assert.Equal([0, 2, 4, 5], SkipSet.Of(1, 3).KeptLayers(6));
        Assert.True(SkipSet.Of(1, 3).Contains(3));
        Assert.False(SkipSet.Of(1, 3).Contains(2));
    }

    [Fact]
    public void A_set_must_fit_the_model_and_leave_a_layer()
    {
        Assert.Contains("names layer 6, but the model has layers 0..5", Assert.Throws<ArgumentOutOfRangeException>(() => SkipSet.Of(6).RequireFits(6)).Message);
        Assert.Contains("skips all 2 layers; keep at least one", Assert.Throws<ArgumentOutOfRangeException>(() => SkipSet.Of(0, 1).RequireFits(2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SkipSet.Of(-1));
        SkipSet.Of(0, 4).RequireFits(6);
    }
}
