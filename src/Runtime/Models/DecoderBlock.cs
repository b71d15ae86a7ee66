using Reft.Runtime.Torch;
using static Reft.Runtime.Torch.torch.nn.functional;

namespace Reft.Runtime.Models;

/// <summary>
/// One pre-norm residual block: x + Attention(RMSNorm(x)), then + SwiGLU(RMSNorm(·)).
/// Holds references to the model's parameter tensors; the model owns and frees them.
/// </summary>
internal sealed class DecoderBlock
{
    private readonly ModelConfig config;
    private readonly int layer;
    private readonly Tensor inputNorm, postAttentionNorm;
    private readonly Tensor query, key, value, output;
    private readonly Tensor? queryBias, keyBias, valueBias, outputBias;
    private readonly Tensor? queryNorm, keyNorm;
    private readonly Tensor gate, up, down;

    public DecoderBlock(ModelConfig config, int layer, IReadOnlyDictionary<string, Tensor> parameters)
    {
        this.config = config;
        this.layer = layer;
        Tensor Required(string suffix) => parameters[ParameterLayout.Layer(layer, suffix)];
        Tensor? Optional(string suffix) => parameters.GetValueOrDefault(ParameterLayout.Layer(layer, suffix));

        inputNorm = Required("input_layernorm.weight");
        postAttentionNorm = Required("post_attention_layernorm.weight");
        query = Required("self_attn.q_proj.weight");
        key = Required("self_attn.k_proj.weight");
        value = Required("self_attn.v_proj.weight");
        output = Required("self_attn.o_proj.weight");
        queryBias = Optional("self_attn.q_proj.bias");
        keyBias = Optional("self_attn.k_proj.bias");
        valueBias = Optional("self_attn.v_proj.bias");
        outputBias = Optional("self_attn.o_proj.bias");
        queryNorm = Optional("self_attn.q_norm.weight");
        keyNorm = Optional("self_attn.k_norm.weight");
        gate = Required("mlp.gate_proj.weight");
        up = Required("mlp.up_proj.weight");
        down = Required("mlp.down_proj.weight");
    }

    /// <summary>x [B, T, hidden] → the block's output, same shape.</summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor attentionMask, KvCache? cache)
    {
        var attended = x + Attention(rms_norm(x, [config.HiddenSize], inputNorm, config.RmsNormEps), cos, sin, attentionMask, cache);
        var normed = rms_norm(attended, [config.HiddenSize], postAttentionNorm, config.RmsNormEps);
        return attended + linear(silu(linear(normed, gate)) * linear(normed, up), down);
    }

    private Tensor Attention(Tensor x, Tensor cos, Tensor sin, Tensor attentionMask, KvCache? cache)
    {
        var (batch, tokens) = (x.size(0), x.size(1));
        var queries = Heads(linear(x, query, queryBias), config.NumHeads, queryNorm);
        var keys = Heads(linear(x, key, keyBias), config.NumKvHeads, keyNorm);
        var values = Heads(linear(x, value, valueBias), config.NumKvHeads, null);
        queries = RotaryEmbedding.Apply(queries, cos, sin);
        keys = RotaryEmbedding.Apply(keys, cos, sin);
        if (cache is not null)
        {
            (keys, values) = cache.Append(layer, keys, values);
        }

        var attended = scaled_dot_product_attention(queries, ShareKeyValueHeads(keys), ShareKeyValueHeads(values), attentionMask);
        var merged = attended.transpose(1, 2).reshape(batch, tokens, config.NumHeads * config.HeadDim);
        return linear(merged, output, outputBias);
    }

    /// <summary>[B, T, heads·d] → [B, heads, T, d], with Qwen3's per-head RMSNorm before the transpose.</summary>
    private Tensor Heads(Tensor projected, int heads, Tensor? norm)
    {
        var split = projected.view(projected.size(0), projected.size(1), heads, config.HeadDim);
        if (norm is not null)
        {
            split = rms_norm(split, [config.HeadDim], norm, config.RmsNormEps);
        }

        return split.transpose(1, 2);
    }

    /// <summary>Grouped-query attention: each key/value head serves KvGroupSize consecutive query heads.</summary>
    private Tensor ShareKeyValueHeads(Tensor keyValue)
    {
        var group = config.KvGroupSize;
        if (group == 1)
        {
            return keyValue;
        }

        var (batch, heads, length, dim) = (keyValue.size(0), keyValue.size(1), keyValue.size(2), keyValue.size(3));
        return keyValue.unsqueeze(2).expand(batch, heads, group, length, dim).reshape(batch, heads * group, length, dim);
    }
}
