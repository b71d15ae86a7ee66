using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Torch;

internal static class TensorAssert
{
    public static void Close(double[] expected, Tensor actual, double tolerance = 1e-5)
    {
        var values = actual.data<double>();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {values[i]} (all: [{string.Join(", ", values)}])");
    }

    public static void Shape(long[] expected, Tensor actual) => Assert.Equal(expected, actual.shape);

    /// <summary>
    /// Compares the autograd gradient of scalar f at x (float64) with central finite differences.
    /// </summary>
    public static void GradientMatchesFiniteDifferences(double[] x, long[] shape, Func<Tensor, Tensor> f, double step = 1e-6, double tolerance = 1e-5)
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(x, shape, requires_grad: true);
        f(input).backward();
        var analytic = input.grad!.data<double>();
        for (var i = 0; i < x.Length; i++)
        {
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[i] += step;
            minus[i] -= step;
            double numeric;
            using (torch.no_grad())
                numeric = (f(torch.tensor(plus, shape)).ToDouble() - f(torch.tensor(minus, shape)).ToDouble()) / (2 * step);
            Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance * Math.Max(1, Math.Abs(numeric)),
                $"d/dx[{i}]: finite differences {numeric}, autograd {analytic[i]}");
        }
    }
}
