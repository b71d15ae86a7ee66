using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Torch;

public class ShapeTests
{
    private static Tensor Range(params long[] shape) =>
        torch.arange(0, shape.Aggregate(1L, (a, b) => a * b)).to(torch.float32).reshape(shape);

    [Fact]
    public void ViewsReorderElementsAsTorchDoes()
    {
        using var scope = torch.NewDisposeScope();
        var x = Range(2, 3);
        Assert.Equal(new long[] { 3, 2 }, x.view(3, 2).shape);
        Assert.Equal(new long[] { 6 }, x.view(-1).shape);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, x.transpose(0, 1).contiguous().data<float>());
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, x.permute(1, 0).reshape(6).data<float>());
        Assert.Equal(new long[] { 2, 1, 3 }, x.unsqueeze(1).shape);
        Assert.Equal(new long[] { 2, 3 }, x.unsqueeze(0).squeeze(0).shape);
        Assert.Equal(new long[] { 2, 3 }, x.view(1, 2, 1, 3).squeeze().shape);
        Assert.Equal(new long[] { 6 }, x.flatten().shape);
        Assert.Equal(new float[] { 1, 2, 4, 5 }, x.narrow(1, 1, 2).contiguous().data<float>());
        Assert.Equal(new float[] { 0, 2, 3, 5 }, x.slice(1, 0, 3, 2).contiguous().data<float>());
        Assert.Equal(new float[] { 3, 4, 5 }, x[1].data<float>());
        Assert.Equal(new float[] { 1, 4 }, x.select(1, 1).data<float>());
        Assert.Equal(new float[] { 2, 1, 0, 5, 4, 3 }, x.flip(1).data<float>());
    }

    [Fact]
    public void ViewOfNonContiguousTensorThrowsButReshapeCopies()
    {
        using var scope = torch.NewDisposeScope();
        var t = Range(2, 3).transpose(0, 1);
        Assert.Throws<TorchException>(() => t.view(6));
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, t.reshape(6).data<float>());
    }

    [Fact]
    public void JoinsExpandAndRepeat()
    {
        using var scope = torch.NewDisposeScope();
        var a = Range(1, 2);
        var b = Range(1, 2) + 10;
        Assert.Equal(new float[] { 0, 1, 10, 11 }, torch.cat([a, b], 0).data<float>());
        Assert.Equal(new long[] { 1, 4 }, torch.cat([a, b], 1).shape);
        Assert.Equal(new long[] { 2, 1, 2 }, torch.stack([a, b]).shape);
        Assert.Equal(new long[] { 1, 2, 2 }, torch.stack([a, b], 1).shape);
        Assert.Equal(new float[] { 0, 1, 0, 1, 0, 1 }, a.expand(3, 2).contiguous().data<float>());
        Assert.Equal(new float[] { 0, 1, 0, 1, 0, 1, 0, 1 }, a.repeat(2, 2).data<float>());
        Assert.Equal(new long[] { 2, 4 }, a.repeat(2, 2).shape);
        Assert.Throws<TorchException>(() => torch.cat([a, Range(1, 3)], 0));
    }

    [Fact]
    public void IndexingGatherScatterAndMasks()
    {
        using var scope = torch.NewDisposeScope();
        var x = Range(3, 2);
        Assert.Equal(new float[] { 4, 5, 0, 1 }, x.index_select(0, torch.tensor(new long[] { 2, 0 })).data<float>());
        var picked = x.gather(1, torch.tensor(new long[] { 1, 0, 1 }, [3, 1]));
        Assert.Equal(new float[] { 1, 2, 5 }, picked.data<float>());
        var scattered = torch.zeros([2, 3]).scatter(1, torch.tensor(new long[] { 2, 0 }, [2, 1]), torch.ones([2, 1]));
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 0 }, scattered.data<float>());
        var added = torch.zeros([3]).scatter_add(0, torch.tensor(new long[] { 1, 1, 2 }), torch.ones([3]));
        Assert.Equal(new float[] { 0, 2, 1 }, added.data<float>());
        var mask = torch.tensor(new bool[] { true, false, false, true, false, true }, [3, 2]);
        Assert.Equal(new float[] { -1, 1, 2, -1, 4, -1 }, x.masked_fill(mask, -1).data<float>());
        Assert.Equal(new float[] { 0, 10, 10, 3, 10, 5 }, torch.where(mask, x, torch.full([1], 10)).data<float>());
        var square = torch.ones([3, 3]);
        Assert.Equal(new float[] { 1, 0, 0, 1, 1, 0, 1, 1, 1 }, square.tril().data<float>());
        Assert.Equal(new float[] { 0, 1, 1, 0, 0, 1, 0, 0, 0 }, square.triu(1).data<float>());
        Assert.Throws<TorchException>(() => x.index_select(0, torch.tensor(new long[] { 3 })));
    }
}
