using Reft.Runtime.Models;

namespace Reft.Runtime.Tests.Models;

/// <summary>
/// A plain-loops, double-precision transcription of the Hugging Face Llama/Qwen forward for one
/// unpadded sequence, written independently of the tensor code, to check it element by element.
/// </summary>
internal sealed class ReferenceForward(ModelConfig config, IReadOnlyDictionary<string, float[]> weights)
{
    public double[,] Logits(int[] tokens)
    {
        var hidden = config.HiddenSize;
        var x = new double[tokens.Length][];
        for (var t = 0; t < tokens.Length; t++)
        {
            x[t] = Row(ParameterLayout.Embedding, tokens[t], hidden);
        }

        for (var layer = 0; layer < config.NumLayers; layer++)
        {
            string Name(string suffix) => ParameterLayout.Layer(layer, suffix);
            var normed = x.Select(row => RmsNorm(row, weights[Name("input_layernorm.weight")])).ToArray();
            var attention = Attention(normed, Name);
            for (var t = 0; t < x.Length; t++)
            {
                x[t] = Add(x[t], attention[t]);
            }

            for (var t = 0; t < x.Length; t++)
            {
                var h = RmsNorm(x[t], weights[Name("post_attention_layernorm.weight")]);
                var gate = Linear(h, Name("mlp.gate_proj.weight"), null);
                var up = Linear(h, Name("mlp.up_proj.weight"), null);
                var act = gate.Select((g, i) => g / (1 + Math.Exp(-g)) * up[i]).ToArray();
                x[t] = Add(x[t], Linear(act, Name("mlp.down_proj.weight"), null));
            }
        }

        var head = config.TieWordEmbeddings ? ParameterLayout.Embedding : ParameterLayout.LmHead;
        var logits = new double[tokens.Length, config.VocabSize];
        for (var t = 0; t < x.Length; t++)
        {
            var final = RmsNorm(x[t], weights[ParameterLayout.FinalNorm]);
            var row = Linear(final, head, null);
            for (var v = 0; v < row.Length; v++)
            {
                logits[t, v] = row[v];
            }
        }

        return logits;
    }

    private double[][] Attention(double[][] x, Func<string, string> name)
    {
        int heads = config.NumHeads, kvHeads = config.NumKvHeads, d = config.HeadDim, length = x.Length;
        var q = x.Select(row => Linear(row, name("self_attn.q_proj.weight"), Bias(name("self_attn.q_proj.bias")))).ToArray();
        var k = x.Select(row => Linear(row, name("self_attn.k_proj.weight"), Bias(name("self_attn.k_proj.bias")))).ToArray();
        var v = x.Select(row => Linear(row, name("self_attn.v_proj.weight"), Bias(name("self_attn.v_proj.bias")))).ToArray();
        var inverse = RotaryFrequencies.Inverse(d, config.RopeTheta, config.RopeScaling);
        for (var t = 0; t < length; t++)
        {
            for (var h = 0; h < heads; h++)
            {
                Rotate(q[t], h * d, t, inverse, name("self_attn.q_norm.weight"));
            }

            for (var h = 0; h < kvHeads; h++)
            {
                Rotate(k[t], h * d, t, inverse, name("self_attn.k_norm.weight"));
            }
        }

        var merged = new double[length][];
        for (var t = 0; t < length; t++)
        {
            merged[t] = new double[heads * d];
            for (var h = 0; h < heads; h++)
            {
                var kv = h / (heads / kvHeads);
                var scores = new double[t + 1];
                for (var s = 0; s <= t; s++)
                {
                    for (var i = 0; i < d; i++)
                    {
                        scores[s] += q[t][h * d + i] * k[s][kv * d + i];
                    }

                    scores[s] /= Math.Sqrt(d);
                }

                var max = scores.Max();
                var weightsOf = scores.Select(score => Math.Exp(score - max)).ToArray();
                var total = weightsOf.Sum();
                for (var s = 0; s <= t; s++)
                {
                    for (var i = 0; i < d; i++)
                    {
                        merged[t][h * d + i] += weightsOf[s] / total * v[s][kv * d + i];
                    }
                }
            }
        }

        return merged.Select(row => Linear(row, name("self_attn.o_proj.weight"), Bias(name("self_attn.o_proj.bias")))).ToArray();
    }

    /// <summary>Optional per-head RMSNorm, then RoPE pairing dimension i with i + d/2 at position t.</summary>
    private void Rotate(double[] vector, int offset, int position, double[] inverse, string normName)
    {
        var d = config.HeadDim;
        var head = vector.Skip(offset).Take(d).ToArray();
        if (weights.TryGetValue(normName, out var norm))
        {
            head = RmsNorm(head, norm);
        }

        for (var i = 0; i < d / 2; i++)
        {
            var angle = position * (double)(float)inverse[i];
            var (a, b) = (head[i], head[i + d / 2]);
            vector[offset + i] = a * Math.Cos(angle) - b * Math.Sin(angle);
            vector[offset + i + d / 2] = b * Math.Cos(angle) + a * Math.Sin(angle);
        }
    }

    private float[]? Bias(string name) => weights.GetValueOrDefault(name);

    private double[] Linear(double[] input, string weightName, float[]? bias)
    {
        var weight = weights[weightName];
        var outputs = weight.Length / input.Length;
        var result = new double[outputs];
        for (var o = 0; o < outputs; o++)
        {
            var sum = bias?[o] ?? 0.0;
            for (var i = 0; i < input.Length; i++)
            {
                sum += weight[o * input.Length + i] * input[i];
            }

            result[o] = sum;
        }

        return result;
    }

    private double[] RmsNorm(double[] x, float[] weight)
    {
        var scale = 1.0 / Math.Sqrt(x.Sum(value => value * value) / x.Length + config.RmsNormEps);
        return x.Select((value, i) => value * scale * weight[i]).ToArray();
    }

    private double[] Row(string name, int row, int width) => weights[name].Skip(row * width).Take(width).Select(value => (double)value).ToArray();

    private static double[] Add(double[] a, double[] b) => a.Select((value, i) => value + b[i]).ToArray();
}
