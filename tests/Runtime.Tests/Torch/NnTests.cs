using Reft.Runtime.Torch;
using F = Reft.Runtime.Torch.torch.nn.functional;

namespace Reft.Runtime.Tests.Torch;

public class NnTests
{
    [Fact]
    public void EmbeddingPicksRowsAndLinearAppliesTransposedWeight()
    {
        using var scope = torch.NewDisposeScope();
        var table = torch.tensor(new float[] { 0, 1, 10, 11, 20, 21 }, [3, 2]);
        var rows = F.embedding(torch.tensor(new long[] { 2, 0, 2 }, [1, 3]), table);
        TensorAssert.Shape([1, 3, 2], rows);
        Assert.Equal(new float[] { 20, 21, 0, 1, 20, 21 }, rows.data<float>());
        var x = torch.tensor(new float[] { 1, 2 }, [1, 2]);
        var w = torch.tensor(new float[] { 1, 0, 0, 1, 1, 1 }, [3, 2]);
        Assert.Equal(new float[] { 1, 2, 3 }, F.linear(x, w).data<float>());
        Assert.Equal(new float[] { 2, 4, 6 }, F.linear(x, w, torch.tensor(new float[] { 1, 2, 3 })).data<float>());
        Assert.Throws<TorchException>(() => F.embedding(torch.tensor(new long[] { 3 }), table));
    }

    [Fact]
    public void NormsMatchTheirDefinitions()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3, 2, 2, 2 }, [2, 3]);
        var sd = Math.Sqrt(2.0 / 3 + 1e-5);
        TensorAssert.Close([-1 / sd, 0, 1 / sd, 0, 0, 0], F.layer_norm(x, [3]));
        var weight = torch.tensor(new double[] { 1, 2, 3 });
        TensorAssert.Close([-1 / sd + 1, 1, 3 / sd + 1, 1, 1, 1], F.layer_norm(x, [3], weight, torch.ones([3], torch.float64)));
        var rms = Math.Sqrt(14.0 / 3 + 1e-6);
        TensorAssert.Close([1 / rms, 4 / rms, 9 / rms, 1, 2, 3], F.rms_norm(x, [3], weight), 1e-6);
        var half = F.rms_norm(x.to(torch.bfloat16), [3], weight.to(torch.bfloat16));
        Assert.Equal(ScalarType.BFloat16, half.dtype);
        TensorAssert.Close([1 / rms, 4 / rms, 9 / rms, 1, 2, 3], half, 1e-2);
    }

    [Fact]
    public void AttentionWithCausalFlagOrMasksMatchesHandComputation()
    {
        using var scope = torch.NewDisposeScope();
        var q = torch.tensor(new double[] { 1, 0, 0, 1 }, [1, 1, 2, 2]);
        var v = torch.tensor(new double[] { 1, 2, 3, 4 }, [1, 1, 2, 2]);
        var w = Math.Exp(1 / Math.Sqrt(2)) / (1 + Math.Exp(1 / Math.Sqrt(2)));
        double[] causal = [1, 2, (1 - w) * 1 + w * 3, (1 - w) * 2 + w * 4];
        TensorAssert.Close(causal, F.scaled_dot_product_attention(q, q, v, is_causal: true));
        TensorAssert.Close([w * 1 + (1 - w) * 3, w * 2 + (1 - w) * 4, causal[2], causal[3]], F.scaled_dot_product_attention(q, q, v));
        var additive = torch.tensor(new double[] { 0, double.NegativeInfinity, 0, 0 }, [2, 2]);
        TensorAssert.Close(causal, F.scaled_dot_product_attention(q, q, v, additive));
        var keep = torch.tensor(new bool[] { true, false, true, true }, [2, 2]);
        TensorAssert.Close(causal, F.scaled_dot_product_attention(q, q, v, keep));
        TensorAssert.Close(causal, F.scaled_dot_product_attention(q, q, v, torch.zeros([2, 2], torch.float64), is_causal: true));
        // One new query against two cached keys sees both (causal mask aligned to the end).
        var last = q.narrow(2, 1, 1);
        TensorAssert.Close([causal[2], causal[3]], F.scaled_dot_product_attention(last, q, v, is_causal: true));
    }

    [Fact]
    public void CrossEntropyIgnoresPaddingTargets()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.tensor(new double[] { 1, 2, 3, 1, 1, 1, 0, 5, 0 }, [3, 3]);
        var targets = torch.tensor(new long[] { 2, 0, -100 });
        var first = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 3;
        var second = Math.Log(3);
        Assert.Equal((first + second) / 2, F.cross_entropy(logits, targets).ToDouble(), 10);
        Assert.Equal(first + second, F.cross_entropy(logits, targets, reduction: Reduction.Sum).ToDouble(), 10);
        TensorAssert.Close([first, second, 0], F.cross_entropy(logits, targets, reduction: Reduction.None));
        Assert.Equal(second, F.cross_entropy(logits, torch.tensor(new long[] { 1, 0, 1 }), ignore_index: 1).ToDouble(), 10);
        Assert.Equal(second, F.nll_loss(logits.log_softmax(1), torch.tensor(new long[] { 1, 0, 1 }), ignore_index: 1).ToDouble(), 10);
        Assert.Throws<TorchException>(() => F.cross_entropy(logits, torch.tensor(new long[] { 5, 0, 0 })));
    }

    [Fact]
    public void DropoutIsIdentityWhenOffAndScalesKeptValues()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([1000]);
        Assert.Equal(x.data<float>(), F.dropout(x, 0.5, training: false).data<float>());
        Assert.Equal(x.data<float>(), F.dropout(x, 0.0).data<float>());
        Assert.Equal(0f, F.dropout(x, 1.0).sum().ToSingle());
        var dropped = F.dropout(x, 0.5).data<float>();
        Assert.All(dropped, v => Assert.True(v == 0 || v == 2));
        Assert.InRange(dropped.Count(v => v == 0), 400, 600);
    }
}
