using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Algorithms;

/// <summary>Small float64 tensor helpers for the algorithm tests.</summary>
internal static class AlgoTensors
{
    public static Tensor T(double[] values, params long[] shape) => torch.tensor(values, shape.Length == 0 ? null : shape);

    public static double[] Values(Tensor tensor) => tensor.detach().data<double>();

    public static void Close(double[] expected, Tensor actual, double tolerance = 1e-9)
    {
        var values = Values(actual);
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {values[i]}");
    }

    /// <summary>Autograd gradient of scalar f at x, compared with central finite differences.</summary>
    public static void GradientMatchesFiniteDifferences(double[] x, long[] shape, Func<Tensor, Tensor> f, double tolerance = 1e-6)
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(x, shape, requires_grad: true);
        f(input).backward();
        var analytic = Values(input.grad!);
        const double h = 1e-6;
        for (var i = 0; i < x.Length; i++)
        {
            double At(double delta)
            {
                var shifted = (double[])x.Clone();
                shifted[i] += delta;
                using var noGrad = torch.no_grad();
                return f(torch.tensor(shifted, shape)).ToDouble();
            }
            var numeric = (At(h) - At(-h)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance * Math.Max(1, Math.Abs(numeric)),
                $"d/dx[{i}]: finite differences {numeric}, autograd {analytic[i]}");
        }
    }
}
