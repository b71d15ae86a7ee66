using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Torch;

public class MathTests
{
    [Fact]
    public void ArithmeticBroadcastsRowsAgainstColumns()
    {
        using var scope = torch.NewDisposeScope();
        var column = torch.tensor(new float[] { 1, 2 }, [2, 1]);
        var row = torch.tensor(new float[] { 10, 20, 30 }, [1, 3]);
        Assert.Equal(new float[] { 11, 21, 31, 12, 22, 32 }, (column + row).data<float>());
        Assert.Equal(new float[] { -9, -19, -29, -8, -18, -28 }, (column - row).data<float>());
        Assert.Equal(new float[] { 10, 20, 30, 20, 40, 60 }, (column * row).data<float>());
        Assert.Equal(new float[] { 10, 20, 30, 5, 10, 15 }, (row / column).data<float>());
        Assert.Equal(new float[] { 21, 22 }, column.add(row.narrow(1, 0, 1), alpha: 2).data<float>());
        Assert.Equal(new float[] { -19, -18 }, column.sub(row.narrow(1, 0, 1), alpha: 2).data<float>());
        Assert.Throws<TorchException>(() => torch.ones([2, 3]) + torch.ones([4]));
    }

    [Fact]
    public void IntegerTensorsStayIntegerUnderAlphaAndClamp()
    {
        using var scope = torch.NewDisposeScope();
        var counts = torch.tensor(new long[] { 1, 5, 9 });
        var step = torch.tensor(new long[] { 2, 2, 2 });
        var added = counts.add(step, alpha: 3);
        Assert.Equal(ScalarType.Int64, added.dtype);
        Assert.Equal(new long[] { 7, 11, 15 }, added.data<long>());
        Assert.Equal(new long[] { -5, -1, 3 }, counts.sub(step, alpha: 3).data<long>());
        var clamped = counts.clamp(2, 8);
        Assert.Equal(ScalarType.Int64, clamped.dtype);
        Assert.Equal(new long[] { 2, 5, 8 }, clamped.data<long>());
        Assert.Equal(ScalarType.Int64, counts.clamp_max(4).dtype);
        Assert.Throws<TorchException>(() => counts.add(step, alpha: 0.5));
    }

    [Fact]
    public void ScalarsOnEitherSide()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1, 2, 4 });
        Assert.Equal(new float[] { 3, 4, 6 }, (x + 2).data<float>());
        Assert.Equal(new float[] { 3, 4, 6 }, (2 + x).data<float>());
        Assert.Equal(new float[] { -1, 0, 2 }, (x - 2).data<float>());
        Assert.Equal(new float[] { 1, 0, -2 }, (2 - x).data<float>());
        Assert.Equal(new float[] { 3, 6, 12 }, (3 * x).data<float>());
        Assert.Equal(new float[] { 0.5f, 1, 2 }, (x / 2).data<float>());
        Assert.Equal(new float[] { 4, 2, 1 }, (4 / x).data<float>());
        Assert.Equal(new float[] { -1, -2, -4 }, (-x).data<float>());
        Assert.Equal(new float[] { 1, 4, 16 }, x.pow(2).data<float>());
        Assert.Equal(new float[] { 1, 4, 256 }, x.pow(x).data<float>());
    }

    [Fact]
    public void IntegerDivisionIsTrueDivisionAndPromotesToFloat()
    {
        using var scope = torch.NewDisposeScope();
        var q = torch.tensor(new long[] { 7, -7 }) / torch.tensor(new long[] { 2, 2 });
        Assert.Equal(ScalarType.Float32, q.dtype);
        Assert.Equal(new float[] { 3.5f, -3.5f }, q.data<float>());
        Assert.Equal(ScalarType.Float64, (torch.tensor(new float[] { 1 }) + torch.tensor(new double[] { 1 })).dtype);
        Assert.Equal(ScalarType.Int64, (torch.tensor(new long[] { 1 }) + 2).dtype);
        Assert.Equal(new long[] { 6, -4 }, (torch.tensor(new long[] { 3, -2 }) * 2).data<long>());
        var scaled = torch.tensor(new long[] { 3 }) * 2.5;
        Assert.Equal(ScalarType.Float32, scaled.dtype);
        Assert.Equal(7.5f, scaled.item<float>());
        Assert.Equal(ScalarType.Float16, (torch.ones([1], torch.float16) * 3).dtype);
    }

    [Fact]
    public void UnaryFunctionsMatchTheirFormulas()
    {
        using var scope = torch.NewDisposeScope();
        double[] v = [-2, -0.5, 0, 0.5, 3];
        var x = torch.tensor(v);
        TensorAssert.Close(v.Select(Math.Exp).ToArray(), x.exp());
        TensorAssert.Close(v.Select(Math.Abs).ToArray(), x.abs());
        TensorAssert.Close(v.Select(Math.Tanh).ToArray(), x.tanh());
        TensorAssert.Close(v.Select(a => 1 / (1 + Math.Exp(-a))).ToArray(), x.sigmoid());
        TensorAssert.Close(v.Select(a => a / (1 + Math.Exp(-a))).ToArray(), x.silu());
        TensorAssert.Close(v.Select(a => Math.Max(a, 0)).ToArray(), x.relu());
        TensorAssert.Close(v.Select(Math.Sin).ToArray(), x.sin());
        // gelu(x) = x Φ(x); Φ(0.5) = 0.691462461274013, Φ(3) = 0.998650101968370.
        TensorAssert.Close([-2 * 0.022750131948179, -0.5 * 0.308537538725987, 0, 0.5 * 0.691462461274013, 3 * 0.998650101968370], x.gelu());
        TensorAssert.Close(v.Select(a => 0.5 * a * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (a + 0.044715 * a * a * a)))).ToArray(), x.gelu(tanh_approximation: true));
        var positive = torch.tensor(new double[] { 0.25, 1, 4 });
        TensorAssert.Close([Math.Log(0.25), 0, Math.Log(4)], positive.log());
        TensorAssert.Close([0.5, 1, 2], positive.sqrt());
        TensorAssert.Close([2, 1, 0.5], positive.rsqrt());
        TensorAssert.Close([-0.5, -0.5, 0, 0.5, 1], x.clamp(-0.5, 1));
        TensorAssert.Close([-0.5, -0.5, 0, 0.5, 3], x.clamp_min(-0.5));
        TensorAssert.Close([-2, -0.5, 0, 0.5, 0.5], x.clamp_max(0.5));
        TensorAssert.Close([-2, -0.5, 0, 0, 0], torch.minimum(x, torch.zeros([1], torch.float64)));
        TensorAssert.Close([0, 0, 0, 0.5, 3], torch.maximum(x, torch.zeros([1], torch.float64)));
    }

    [Fact]
    public void ReductionsOverDimsWithAndWithoutKeepdim()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 5, 3, 4, 2, 6 }, [2, 3]);
        Assert.Equal(21.0, x.sum().ToDouble());
        TensorAssert.Close([9, 12], x.sum(1));
        TensorAssert.Shape([2, 1], x.sum(1, keepdim: true));
        TensorAssert.Close([5, 7, 9], x.sum(0));
        TensorAssert.Close([21], x.sum([0, 1]));
        Assert.Equal(3.5, x.mean().ToDouble());
        TensorAssert.Close([3, 4], x.mean(1));
        Assert.Equal(6.0, x.max().ToDouble());
        Assert.Equal(1.0, x.min().ToDouble());
        var (values, indexes) = x.max(1);
        TensorAssert.Close([5, 6], values);
        Assert.Equal(new long[] { 1, 2 }, indexes.data<long>());
        var (minValues, minIndexes) = x.min(0, keepdim: true);
        TensorAssert.Shape([1, 3], minValues);
        Assert.Equal(new long[] { 0, 1, 0 }, minIndexes.data<long>());
        Assert.Equal(5L, x.argmax().ToInt64());
        Assert.Equal(new long[] { 1, 2 }, x.argmax(1).data<long>());
        TensorAssert.Close([Math.Log(Math.Exp(1) + Math.Exp(5) + Math.Exp(3)), Math.Log(Math.Exp(4) + Math.Exp(2) + Math.Exp(6))], x.logsumexp(1));
        TensorAssert.Close([1, 6, 9, 4, 6, 12], x.cumsum(1));
        Assert.Equal(new long[] { 6, 15 }, torch.tensor(new long[] { 1, 2, 3, 4, 5, 6 }, [2, 3]).sum(1).data<long>());
    }

    [Fact]
    public void SoftmaxAndLogSoftmaxAreNormalisedAndStableForLargeLogits()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1000, 1001, 1002 });
        var z = Math.Exp(0) + Math.Exp(1) + Math.Exp(2);
        TensorAssert.Close([1 / z, Math.E / z, Math.E * Math.E / z], x.softmax(0));
        TensorAssert.Close([-Math.Log(z), 1 - Math.Log(z), 2 - Math.Log(z)], torch.nn.functional.log_softmax(x, -1));
    }

    [Fact]
    public void TopkSortAndMultinomial()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 3, 1, 4, 1, 5, 9, 2, 6 });
        var (top, topIndexes) = x.topk(3);
        Assert.Equal(new float[] { 9, 6, 5 }, top.data<float>());
        Assert.Equal(new long[] { 5, 7, 4 }, topIndexes.data<long>());
        Assert.Equal(new float[] { 1, 1, 2 }, x.topk(3, largest: false).values.data<float>());
        var (sorted, order) = x.sort(descending: true, stable: true);
        Assert.Equal(new float[] { 9, 6, 5, 4, 3, 2, 1, 1 }, sorted.data<float>());
        Assert.Equal(new long[] { 5, 7, 4, 2, 0, 6, 1, 3 }, order.data<long>());
        using var g = new Generator(3);
        var draws = torch.multinomial(torch.tensor(new float[] { 0, 1, 0, 3 }), 4000, replacement: true, generator: g).data<long>();
        Assert.DoesNotContain(0L, draws);
        Assert.DoesNotContain(2L, draws);
        Assert.InRange(draws.Count(d => d == 3) / 4000.0, 0.72, 0.78);
        var rows = torch.multinomial(torch.tensor(new float[] { 1, 0, 0, 1 }, [2, 2]), 1, generator: g);
        Assert.Equal(new long[] { 0, 1 }, rows.data<long>());
    }

    [Fact]
    public void ComparisonsLogicAndFiniteness()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3 });
        var b = torch.tensor(new float[] { 3, 2, 1 });
        Assert.Equal(new bool[] { false, true, false }, a.eq(b).data<bool>());
        Assert.Equal(new bool[] { true, false, true }, a.ne(b).data<bool>());
        Assert.Equal(new bool[] { true, false, false }, a.lt(b).data<bool>());
        Assert.Equal(new bool[] { true, true, false }, a.le(b).data<bool>());
        Assert.Equal(new bool[] { false, false, true }, a.gt(b).data<bool>());
        Assert.Equal(new bool[] { false, true, true }, a.ge(b).data<bool>());
        Assert.Equal(new bool[] { false, false, true }, a.gt(2).data<bool>());
        Assert.Equal(new bool[] { true, false, false }, a.lt(2).data<bool>());
        Assert.Equal(new bool[] { false, true, false }, a.eq(2).data<bool>());
        Assert.Equal(new bool[] { true, false, true }, a.ne(2).data<bool>());
        Assert.Equal(new bool[] { false, true, true }, a.ge(2).data<bool>());
        Assert.Equal(new bool[] { true, true, false }, a.le(2).data<bool>());
        var p = torch.tensor(new bool[] { true, true, false, false });
        var q = torch.tensor(new bool[] { true, false, true, false });
        Assert.Equal(new bool[] { true, false, false, false }, p.logical_and(q).data<bool>());
        Assert.Equal(new bool[] { true, true, true, false }, p.logical_or(q).data<bool>());
        Assert.Equal(new bool[] { false, true, true, false }, p.logical_xor(q).data<bool>());
        Assert.Equal(new bool[] { false, false, true, true }, p.logical_not().data<bool>());
        var odd = torch.tensor(new double[] { 1, double.NaN, double.PositiveInfinity, double.NegativeInfinity });
        Assert.Equal(new bool[] { true, false, false, false }, odd.isfinite().data<bool>());
        Assert.Equal(new bool[] { false, true, false, false }, odd.isnan().data<bool>());
    }

    [Fact]
    public void MatmulBatchesAndBmm()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, [2, 2, 2]);
        var eye = torch.tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        Assert.Equal(a.data<float>(), a.matmul(eye).data<float>());
        Assert.Equal(new float[] { 7, 10, 15, 22, 67, 78, 91, 106 }, a.bmm(a).data<float>());
        Assert.Equal(new float[] { 5, 11 }, torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]).matmul(torch.tensor(new float[] { 1, 2 })).data<float>());
    }
}
