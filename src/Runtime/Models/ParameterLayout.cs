namespace Reft.Runtime.Models;

/// <summary>What a parameter is, which decides its from-scratch initialisation.</summary>
public enum ParameterRole
{
    Embedding,
    Projection,

    /// <summary>A projection that writes into the residual stream (o_proj, down_proj).</summary>
    ResidualProjection,
    Bias,
    Norm,
}

public sealed record ParameterSpec(string Name, long[] Shape, ParameterRole Role);

/// <summary>
/// Every parameter a config implies, with its Hugging Face name and shape, in checkpoint order.
/// Tied embeddings have no <c>lm_head.weight</c>.
/// </summary>
public static class ParameterLayout
{
    public const string Embedding = "model.embed_tokens.weight";
    public const string FinalNorm = "model.norm.weight";
    public const string LmHead = "lm_head.weight";

    public static string Layer(int layer, string suffix) => $"model.layers.{layer}.{suffix}";

    public static IReadOnlyList<ParameterSpec> For(ModelConfig config)
    {
        long hidden = config.HiddenSize, headDim = config.HeadDim, inner = config.IntermediateSize;
        long queryWidth = config.NumHeads * headDim, keyValueWidth = config.NumKvHeads * headDim;
        var specs = new List<ParameterSpec> { new(Embedding, [config.VocabSize, hidden], ParameterRole.Embedding) };
        for (var layer = 0; layer < config.NumLayers; layer++)
        {
            void Add(string suffix, long[] shape, ParameterRole role) => specs.Add(new ParameterSpec(Layer(layer, suffix), shape, role));

            Add("input_layernorm.weight", [hidden], ParameterRole.Norm);
            foreach (var (projection, width) in new[] { ("q_proj", queryWidth), ("k_proj", keyValueWidth), ("v_proj", keyValueWidth) })
            {
                Add($"self_attn.{projection}.weight", [width, hidden], ParameterRole.Projection);
                if (config.QkvBias)
                {
                    Add($"self_attn.{projection}.bias", [width], ParameterRole.Bias);
                }
            }

            Add("self_attn.o_proj.weight", [hidden, queryWidth], ParameterRole.ResidualProjection);
            if (config.OutputBias)
            {
                Add("self_attn.o_proj.bias", [hidden], ParameterRole.Bias);
            }

            if (config.QkNorm)
            {
                Add("self_attn.q_norm.weight", [headDim], ParameterRole.Norm);
                Add("self_attn.k_norm.weight", [headDim], ParameterRole.Norm);
            }

            Add("post_attention_layernorm.weight", [hidden], ParameterRole.Norm);
            Add("mlp.gate_proj.weight", [inner, hidden], ParameterRole.Projection);
            Add("mlp.up_proj.weight", [inner, hidden], ParameterRole.Projection);
            Add("mlp.down_proj.weight", [hidden, inner], ParameterRole.ResidualProjection);
        }

        specs.Add(new ParameterSpec(FinalNorm, [hidden], ParameterRole.Norm));
        if (!config.TieWordEmbeddings)
        {
            specs.Add(new ParameterSpec(LmHead, [config.VocabSize, hidden], ParameterRole.Projection));
        }

        return specs;
    }
}
