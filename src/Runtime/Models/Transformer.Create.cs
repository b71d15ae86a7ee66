using Reft.Runtime.Torch;

namespace Reft.Runtime.Models;

public sealed partial class Transformer
{
    public const double InitStd = 0.02;

    /// <summary>
    /// A from-scratch model, GPT-2 style: embeddings and projections ~ N(0, 0.02²), projections into
    /// the residual stream (o_proj, down_proj) ~ N(0, (0.02/√(2·layers))²), norms 1, biases 0.
    /// The same seed gives the same weights on every device (they are drawn on the CPU).
    /// </summary>
    public static Transformer Create(ModelConfig config, long seed, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var problem = config.FindProblem();
        if (problem is not null)
        {
            throw new ArgumentException($"model config: {problem}");
        }

        device ??= Device.CPU;
        using var generator = new Generator(unchecked((ulong)seed));
        using var noGrad = torch.no_grad();
        var residualStd = InitStd / Math.Sqrt(2.0 * config.NumLayers);
        var parameters = new List<KeyValuePair<string, Tensor>>();
        foreach (var spec in ParameterLayout.For(config))
        {
            using var scope = torch.NewDisposeScope();
            var values = spec.Role switch
            {
                ParameterRole.Norm => torch.ones(spec.Shape),
                ParameterRole.Bias => torch.zeros(spec.Shape),
                ParameterRole.ResidualProjection => torch.randn(spec.Shape, generator: generator) * residualStd,
                _ => torch.randn(spec.Shape, generator: generator) * InitStd,
            };
            var parameter = values.to(dtype, device, copy: true).requires_grad_().MoveToOuterDisposeScope();
            parameters.Add(KeyValuePair.Create(spec.Name, parameter));
        }

        return new Transformer(config, parameters, device);
    }

    /// <summary><see cref="Create"/> for <see cref="ModelConfig.Tiny"/>.</summary>
    public static Transformer Tiny(int layers, int dim, int heads, int kvHeads, int context, int vocab, long seed,
        ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Create(ModelConfig.Tiny(layers, dim, heads, kvHeads, context, vocab), seed, dtype, device);
}
