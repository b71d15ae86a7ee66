using Reft.Runtime.Torch;
using F = Reft.Runtime.Torch.torch.nn.functional;

namespace Reft.Runtime.Tests.Torch;

/// <summary>Autograd of every differentiable op the model and losses use, against finite differences in float64.</summary>
public class GradientTests
{
    private static readonly double[] Positive = [0.3, 0.7, 1.1, 1.5, 0.9, 0.4];
    private static readonly double[] Mixed = [-1.2, 0.4, 2.0, -0.3, 0.8, -0.6];
    private static readonly long[] Matrix = [2, 3];

    /// <summary>A weighted sum with uneven weights, so each output element's gradient differs.</summary>
    private static Tensor Weighted(Tensor y)
    {
        var w = torch.arange(0, y.numel()).to(torch.float64).reshape(y.shape).mul(0.37).sin().add(1.1);
        return (y * w).sum();
    }

    private static void Check(double[] x, Func<Tensor, Tensor> f) =>
        TensorAssert.GradientMatchesFiniteDifferences(x, Matrix, t => Weighted(f(t)));

    private static Tensor Constant(params double[] values) => torch.tensor(values, Matrix);

    [Fact] public void Exp() => Check(Mixed, t => t.exp());
    [Fact] public void Log() => Check(Positive, t => t.log());
    [Fact] public void Sqrt() => Check(Positive, t => t.sqrt());
    [Fact] public void Rsqrt() => Check(Positive, t => t.rsqrt());
    [Fact] public void PowScalarAndTensor() { Check(Positive, t => t.pow(3)); Check(Positive, t => t.pow(t)); }
    [Fact] public void Tanh() => Check(Mixed, t => t.tanh());
    [Fact] public void Sigmoid() => Check(Mixed, t => t.sigmoid());
    [Fact] public void Silu() => Check(Mixed, t => t.silu());
    [Fact] public void Gelu() { Check(Mixed, t => t.gelu()); Check(Mixed, t => t.gelu(tanh_approximation: true)); }
    [Fact] public void Neg() => Check(Mixed, t => -t);
    [Fact] public void ArithmeticWithTensorsAndScalars() => Check(Positive, t => (t * Constant(Mixed) + 2) / (t + 1) - 3 * t + 1 / t);
    [Fact] public void ClampAwayFromBounds() => Check(Mixed, t => t.clamp(-1, 1));
    [Fact] public void MinimumMaximum() => Check(Mixed, t => torch.minimum(t, torch.zeros([1], torch.float64)) + torch.maximum(t, Constant(Positive)));
    [Fact] public void Softmax() => Check(Mixed, t => t.softmax(1));
    [Fact] public void LogSoftmax() => Check(Mixed, t => t.log_softmax(-1));
    [Fact] public void LogSumExp() => Check(Mixed, t => t.logsumexp(1, keepdim: true));
    [Fact] public void SumMeanCumsum() => Check(Mixed, t => t.sum(0) * t.mean(0) + t.cumsum(1).sum(1, keepdim: true).mean());
    [Fact] public void Matmul() => Check(Mixed, t => t.matmul(t.transpose(0, 1)));
    [Fact]
    public void ShapeOps() => Check(Mixed, t =>
        torch.cat([t.permute(1, 0).reshape(2, 3), t.narrow(1, 0, 2).unsqueeze(0).squeeze(0).flatten().reshape(2, 2)], 1).narrow(1, 1, 3)
        + torch.stack([t[0], t.select(0, 1)]) * t.slice(1, 0, 3, 2).sum(1, keepdim: true).expand(2, 3)
        + t.narrow(0, 0, 1).repeat(2, 1).transpose(0, 1).contiguous().view(2, 3));
    [Fact] public void GatherWhereMaskedFill()
    {
        Check(Mixed, t =>
        {
            var index = torch.tensor(new long[] { 2, 0, 1, 1 }, [2, 2]);
            var mask = torch.tensor(new bool[] { true, false, true, false, false, true }, Matrix);
            return torch.where(mask, t * 2, t.exp()).masked_fill(mask.logical_not(), 0.5).gather(1, index).sum(1) + t.index_select(1, torch.tensor(new long[] { 0, 2 })).sum(1);
        });
    }

    [Fact] public void Embedding() => Check(Mixed, weight => F.embedding(torch.tensor(new long[] { 1, 0, 1 }), weight));

    [Fact]
    public void LinearInInputWeightAndBias()
    {
        var w = torch.tensor(new double[] { 0.5, -1, 2, 0.1, 0.3, -0.7, 1, 1, 1 }, [3, 3]);
        Check(Mixed, x => F.linear(x, w, torch.tensor(new double[] { 0.1, 0.2, 0.3 })));
        Check(Mixed, weight => F.linear(torch.tensor(new double[] { 1, -2, 0.5, 0.3, 0.2, 0.1 }, [2, 3]), weight.reshape(2, 3)));
        Check(Mixed, bias => F.linear(torch.ones([2, 3], torch.float64), torch.ones([6, 3], torch.float64), bias.reshape(6)));
    }

    [Fact]
    public void RmsNormInInputAndWeight()
    {
        Check(Mixed, x => F.rms_norm(x, [3], torch.tensor(new double[] { 1, 0.5, 2 })));
        Check(Mixed, w => F.rms_norm(torch.tensor(new double[] { 1, -2, 0.5, 0.3, 0.2, 0.1 }, Matrix), [3], w));
    }

    [Fact] public void LayerNorm() => Check(Mixed, x => F.layer_norm(x, [3], torch.tensor(new double[] { 1, 0.5, 2 }), torch.tensor(new double[] { 0, 1, 0 })));

    [Fact]
    public void AttentionInQueryKeyAndValue()
    {
        var other = torch.tensor(new double[] { 0.2, -0.4, 1.0, 0.5, 0.3, -0.8 }, [1, 2, 3]);
        Check(Mixed, q => F.scaled_dot_product_attention(q.view(1, 2, 3), other, other, is_causal: true));
        Check(Mixed, k => F.scaled_dot_product_attention(other, k.view(1, 2, 3), other));
        Check(Mixed, v => F.scaled_dot_product_attention(other, other, v.view(1, 2, 3), is_causal: true));
    }

    [Fact]
    public void CrossEntropyWithIgnoredTarget() =>
        Check(Mixed, logits => F.cross_entropy(logits, torch.tensor(new long[] { 2, -100 })) + F.cross_entropy(logits, torch.tensor(new long[] { 0, 1 }), reduction: Reduction.Sum));
}
