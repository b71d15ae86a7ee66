using Reft.Runtime.Models;
using Reft.Runtime.Torch;
using F = Reft.Runtime.Torch.torch.nn.functional;

namespace Reft.Cli.Commands;

/// <summary>How far a device's result may stray from the CPU's: |Δ| ≤ Absolute + Relative · max|reference|.</summary>
public sealed record Tolerance(double Absolute, double Relative)
{
    /// <summary>float32 kernels differ from the CPU's only in summation order (TF32 matmuls would exceed this).</summary>
    public static readonly Tolerance Float32 = new(1e-5, 1e-4);

    /// <summary>
    /// bfloat16 keeps 8 significant bits, so each rounding is worth up to 2⁻⁹ of the value and a few
    /// of them add up; a wrong kernel is off by the size of the values themselves.
    /// </summary>
    public static readonly Tolerance BFloat16 = new(1e-2, 2e-2);

    public static Tolerance For(ScalarType dtype) => dtype == ScalarType.Float32 ? Float32 : BFloat16;

    public double Allowed(double referenceScale) => Absolute + Relative * referenceScale;
}

/// <summary>One comparison of a device against the CPU; NaN differences (a broken kernel) never pass.</summary>
public sealed record AgreementResult(string Check, ScalarType DType, double MaxAbsDifference, double Allowed, string? Error = null)
{
    public bool Ok => Error is null && MaxAbsDifference <= Allowed;
}

/// <summary>
/// Runs the computations training relies on (matmul, causal attention, softmax, a transformer's
/// loss and gradients) on a device and on the CPU from the same inputs, so a CUDA build that
/// computes something else is caught before a run trains on it. Inputs are drawn on the CPU from a
/// fixed seed and rounded to the checked dtype before the float32 CPU reference sees them.
/// </summary>
public static class DeviceAgreement
{
    private const ulong Seed = 20_241_206;

    public static IReadOnlyList<AgreementResult> Run(Device device, ScalarType dtype) =>
    [
        Check("matmul 256x256", dtype, () => Matmul(device, dtype)),
        Check("causal attention", dtype, () => CausalAttention(device, dtype)),
        Check("softmax", dtype, () => Softmax(device, dtype, logarithmic: false)),
        Check("log_softmax", dtype, () => Softmax(device, dtype, logarithmic: true)),
        .. TransformerStep(device, dtype),
    ];

    /// <summary>max |reference − candidate| over all elements, in float64 on the CPU (NaN when either holds NaN).</summary>
    public static double MaxAbsDifference(Tensor reference, Tensor candidate)
    {
        if (!reference.shape.SequenceEqual(candidate.shape))
        {
            throw new ArgumentException($"shapes differ: [{string.Join(", ", reference.shape)}] against [{string.Join(", ", candidate.shape)}]");
        }

        using var scope = torch.NewDisposeScope();
        var difference = (AsCpuFloat64(reference) - AsCpuFloat64(candidate)).abs();
        return difference.isnan().sum().ToInt64() > 0 ? double.NaN : difference.max().ToDouble();
    }

    /// <summary>Compares <paramref name="candidate"/> with <paramref name="reference"/> within the dtype's tolerance.</summary>
    public static AgreementResult Compare(string check, ScalarType dtype, Tensor reference, Tensor candidate)
    {
        using var scope = torch.NewDisposeScope();
        var scale = AsCpuFloat64(reference).abs().max().ToDouble();
        return new AgreementResult(check, dtype, MaxAbsDifference(reference, candidate), Tolerance.For(dtype).Allowed(scale));
    }

    private static AgreementResult Check(string name, ScalarType dtype, Func<(Tensor Reference, Tensor Candidate)> compute)
    {
        using var scope = torch.NewDisposeScope();
        try
        {
            var (reference, candidate) = compute();
            return Compare(name, dtype, reference, candidate);
        }
        catch (TorchException failure)
        {
            return new AgreementResult(name, dtype, double.NaN, double.NaN, failure.Message);
        }
    }

    private static (Tensor, Tensor) Matmul(Device device, ScalarType dtype)
    {
        var (a, b) = (Input([256, 256], dtype, 0), Input([256, 256], dtype, 1));
        return (a.matmul(b), a.to(dtype, device).matmul(b.to(dtype, device)));
    }

    private static (Tensor, Tensor) CausalAttention(Device device, ScalarType dtype)
    {
        long[] shape = [2, 4, 64, 32];
        var (q, k, v) = (Input(shape, dtype, 2), Input(shape, dtype, 3), Input(shape, dtype, 4));
        var reference = F.scaled_dot_product_attention(q, k, v, is_causal: true);
        var candidate = F.scaled_dot_product_attention(q.to(dtype, device), k.to(dtype, device), v.to(dtype, device), is_causal: true);
        return (reference, candidate);
    }

    private static (Tensor, Tensor) Softmax(Device device, ScalarType dtype, bool logarithmic)
    {
        // A spread of 3 gives rows whose largest probabilities dominate, like real logits.
        var logits = (Input([64, 1000], dtype, 5) * 3).to(dtype).to(ScalarType.Float32);
        Func<Tensor, Tensor> apply = logarithmic ? x => x.log_softmax(-1) : x => x.softmax(-1);
        return (apply(logits), apply(logits.to(dtype, device)));
    }

    /// <summary>One forward and backward pass of a tiny transformer: its loss and the norm of all its gradients.</summary>
    private static IReadOnlyList<AgreementResult> TransformerStep(Device device, ScalarType dtype)
    {
        const string loss = "transformer loss", gradientNorm = "transformer grad norm";
        try
        {
            var (referenceLoss, referenceNorm) = LossAndGradientNorm(Device.CPU, ScalarType.Float32);
            var (candidateLoss, candidateNorm) = LossAndGradientNorm(device, dtype);
            return [Scalars(loss, dtype, referenceLoss, candidateLoss), Scalars(gradientNorm, dtype, referenceNorm, candidateNorm)];
        }
        catch (TorchException failure)
        {
            return [new AgreementResult(loss, dtype, double.NaN, double.NaN, failure.Message), new AgreementResult(gradientNorm, dtype, double.NaN, double.NaN, failure.Message)];
        }
    }

    private static AgreementResult Scalars(string check, ScalarType dtype, double reference, double candidate) =>
        new(check, dtype, Math.Abs(reference - candidate), Tolerance.For(dtype).Allowed(Math.Abs(reference)));

    private static (double Loss, double GradientNorm) LossAndGradientNorm(Device device, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var config = ModelConfig.Tiny(layers: 2, dim: 64, heads: 4, kvHeads: 2, context: 32, vocab: 128);
        using var model = Transformer.Create(config, (long)Seed, dtype, device);
        SharpenWeights(model);
        using var generator = new Generator(Seed);
        var tokens = torch.randint(0, config.VocabSize, [2, 24], generator: generator).to(device);
        var logits = model.Forward(tokens.slice(1, 0, 23, 1));
        var loss = F.cross_entropy(logits.reshape(-1, config.VocabSize), tokens.slice(1, 1, 24, 1).reshape(-1));
        loss.backward();
        var squares = model.Parameters.Select(parameter => parameter.grad!.to(ScalarType.Float32).pow(2).sum()).ToList();
        return (loss.ToDouble(), torch.stack(squares).sum().sqrt().ToDouble());
    }

    /// <summary>
    /// A fresh model's logits are nearly uniform, so its loss hardly depends on what the kernels
    /// compute; matrices 10 times larger (std 0.2) give peaked attention and logits, as after training
    /// (20 times makes bfloat16 itself drift: its gradient norm then strays 5% from float32's).
    /// </summary>
    private static void SharpenWeights(Transformer model)
    {
        using var noGrad = torch.no_grad();
        foreach (var matrix in model.Parameters.Where(parameter => parameter.dim() >= 2))
        {
            matrix.mul_(10);
        }
    }

    /// <summary>Standard-normal values drawn on the CPU, rounded to <paramref name="dtype"/>, held in float32.</summary>
    private static Tensor Input(long[] shape, ScalarType dtype, ulong stream)
    {
        using var generator = new Generator(Seed + stream);
        return torch.randn(shape, generator: generator).to(dtype).to(ScalarType.Float32);
    }

    private static Tensor AsCpuFloat64(Tensor tensor) => tensor.detach().to(ScalarType.Float64, Device.CPU);
}
