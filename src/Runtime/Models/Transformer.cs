using Reft.Runtime.Torch;

namespace Reft.Runtime.Models;

/// <summary>
/// A decoder-only transformer in the Llama / Qwen2 / Qwen3 layout: token embedding, pre-norm
/// residual blocks (RMSNorm, grouped-query attention with RoPE, SwiGLU MLP), final RMSNorm and an
/// LM head, tied or not. Parameters carry Hugging Face names. The model owns its tensors.
/// </summary>
public sealed partial class Transformer : IDisposable
{
    private readonly IReadOnlyList<KeyValuePair<string, Tensor>> namedParameters;
    private readonly DecoderBlock[] blocks;
    private readonly Tensor tokenEmbedding;
    private readonly Tensor finalNorm;
    private readonly Tensor lmHead;
    private readonly RotaryEmbedding rotary;

    private Transformer(ModelConfig config, IReadOnlyList<KeyValuePair<string, Tensor>> parameters, Device device)
    {
        Config = config;
        Device = device;
        namedParameters = parameters;
        foreach (var (_, tensor) in parameters)
        {
            tensor.DetachFromDisposeScope();
        }

        var byName = parameters.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        DType = byName[ParameterLayout.Embedding].dtype;
        tokenEmbedding = byName[ParameterLayout.Embedding];
        finalNorm = byName[ParameterLayout.FinalNorm];
        lmHead = config.TieWordEmbeddings ? tokenEmbedding : byName[ParameterLayout.LmHead];
        blocks = Enumerable.Range(0, config.NumLayers).Select(layer => new DecoderBlock(config, layer, byName)).ToArray();
        rotary = new RotaryEmbedding(config, device);
    }

    public ModelConfig Config { get; }

    public ScalarType DType { get; }

    public Device Device { get; }

    /// <summary>Parameters by Hugging Face name, in checkpoint order (a tied LM head appears once, as the embedding).</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> NamedParameters => namedParameters;

    public IReadOnlyList<Tensor> Parameters => namedParameters.Select(pair => pair.Value).ToList();

    public long ParameterCount => namedParameters.Sum(pair => pair.Value.numel());

    /// <summary>Sets whether the parameters collect gradients (off for reference and behaviour copies).</summary>
    public void SetTrainable(bool trainable)
    {
        foreach (var (_, tensor) in namedParameters)
        {
            tensor.requires_grad = trainable;
        }
    }

    /// <summary>An independent copy of the weights (e.g. a frozen reference model), not collecting gradients.</summary>
    public Transformer Copy()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var copies = namedParameters.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.detach().clone().DetachFromDisposeScope())).ToList();
        return new Transformer(Config, copies, Device);
    }

    /// <summary>Overwrites these weights with <paramref name="source"/>'s (same config), e.g. to refresh π_old.</summary>
    public void CopyWeightsFrom(Transformer source)
    {
        var sameLayout = source.namedParameters.Count == namedParameters.Count
            && source.namedParameters.Zip(namedParameters).All(pair => pair.First.Key == pair.Second.Key && pair.First.Value.shape.SequenceEqual(pair.Second.Value.shape));
        if (!sameLayout)
        {
            throw new ArgumentException("CopyWeightsFrom needs a model with the same parameter names and shapes");
        }

        using var noGrad = torch.no_grad();
        for (var i = 0; i < namedParameters.Count; i++)
        {
            namedParameters[i].Value.copy_(source.namedParameters[i].Value);
        }
    }

    public void Dispose()
    {
        rotary.Dispose();
        foreach (var (_, tensor) in namedParameters)
        {
            tensor.Dispose();
        }
    }
}
