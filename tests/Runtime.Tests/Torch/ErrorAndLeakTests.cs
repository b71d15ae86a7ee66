using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Torch;

/// <summary>Tests that read process-wide state (live-handle count, global RNG) run alone.</summary>
[CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
public class SerialCollection;

public class ErrorTests
{
    [Fact]
    public void ShapeMismatchThrowsTorchsMessageAndTheProcessLivesOn()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.zeros([2, 3]);
        var b = torch.zeros([4, 5]);
        var error = Assert.Throws<TorchException>(() => a.matmul(b));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", error.Message);
        Assert.DoesNotContain("Exception raised from", error.Message);
        Assert.Equal(6, (a + 1).sum().ToDouble());
        Assert.Throws<TorchException>(() => a.view(7));
        Assert.Throws<TorchException>(() => a.transpose(0, 5));
    }

    [Fact]
    public void ErrorsOnOtherThreadsDoNotLeakIntoThisOne()
    {
        using var scope = torch.NewDisposeScope();
        var thread = new Thread(() => Assert.Throws<TorchException>(() => torch.zeros([2]).view(3).Dispose()));
        thread.Start();
        thread.Join();
        Assert.Equal(2, torch.zeros([2]).numel());
    }

    [Fact]
    public void UsingADisposedTensorThrowsInsteadOfCrashing()
    {
        var x = torch.ones([2]);
        x.Dispose();
        Assert.Throws<ObjectDisposedException>(() => x.sum());
        Assert.Throws<ObjectDisposedException>(() => torch.cat([x]));
    }
}

[Collection(nameof(SerialCollection))]
public class LeakTests
{
    private static long SettledCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.TotalCount;
    }

    [Fact]
    public void TenThousandOpsInsideScopesLeaveTheLiveCountUnchanged()
    {
        var before = SettledCount();
        var x = torch.ones([4, 4]);
        Assert.Equal(before + 1, Tensor.TotalCount);
        for (var i = 0; i < 1000; i++)
        {
            using var scope = torch.NewDisposeScope();
            var y = (x * 2 + 1).exp().log().softmax(-1).matmul(x).sum(0).unsqueeze(0).mean();
            Assert.Equal(9, scope.Count);
            Assert.True(y.ToDouble() > 0);
        }
        x.Dispose();
        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void MovedOutTensorsSurviveTheirScopeAndNestedScopesFreeInOrder()
    {
        var before = SettledCount();
        Tensor kept;
        using (var outer = torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
            {
                kept = torch.ones([3]).MoveToOuterDisposeScope();
                _ = torch.zeros([3]);
            }
            Assert.Equal(1, outer.Count);
            Assert.Equal(before + 1, Tensor.TotalCount);
            kept.DetachFromDisposeScope();
        }
        using (torch.NewDisposeScope()) Assert.Equal(3, kept.sum().item<float>());
        var wrapped = torch.WrappedTensorDisposeScope(() => kept.mul(2).add(1));
        Assert.Equal(new float[] { 3, 3, 3 }, wrapped.data<float>());
        kept.Dispose();
        wrapped.Dispose();
        Assert.Equal(before, Tensor.TotalCount);
    }
}
