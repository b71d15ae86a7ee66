using Reft.Runtime.Models;

namespace Reft.Runtime.Tests.Models;

public sealed class ModelConfigTests
{
    private const string Qwen25 = """
        {"architectures":["Qwen2ForCausalLM"],"attention_dropout":0.0,"bos_token_id":151643,"eos_token_id":151645,
         "hidden_act":"silu","hidden_size":896,"initializer_range":0.02,"intermediate_size":4864,
         "max_position_embeddings":32768,"max_window_layers":21,"model_type":"qwen2","num_attention_heads":14,
         "num_hidden_layers":24,"num_key_value_heads":2,"rms_norm_eps":1e-06,"rope_theta":1000000.0,
         "sliding_window":32768,"tie_word_embeddings":true,"torch_dtype":"bfloat16","use_cache":true,
         "use_sliding_window":false,"vocab_size":151936}
        """;

    private const string Qwen3 = """
        {"architectures":["Qwen3ForCausalLM"],"attention_bias":false,"bos_token_id":151643,"eos_token_id":151645,
         "head_dim":128,"hidden_act":"silu","hidden_size":1024,"intermediate_size":3072,"max_position_embeddings":40960,
         "model_type":"qwen3","num_attention_heads":16,"num_hidden_layers":28,"num_key_value_heads":8,"rms_norm_eps":1e-06,
         "rope_scaling":null,"rope_theta":1000000,"sliding_window":null,"tie_word_embeddings":true,"torch_dtype":"bfloat16",
         "use_sliding_window":false,"vocab_size":151936}
        """;

    private const string Llama32 = """
        {"architectures":["LlamaForCausalLM"],"attention_bias":false,"bos_token_id":128000,"eos_token_id":[128001,128008,128009],
         "head_dim":64,"hidden_act":"silu","hidden_size":2048,"intermediate_size":8192,"max_position_embeddings":131072,
         "mlp_bias":false,"model_type":"llama","num_attention_heads":32,"num_hidden_layers":16,"num_key_value_heads":8,
         "rms_norm_eps":1e-05,"rope_scaling":{"factor":32.0,"high_freq_factor":4.0,"low_freq_factor":1.0,
         "original_max_position_embeddings":8192,"rope_type":"llama3"},"rope_theta":500000.0,"tie_word_embeddings":true,
         "torch_dtype":"bfloat16","vocab_size":128256}
        """;

    [Fact]
    public void Qwen2_config_has_qkv_bias_without_output_bias_and_a_derived_head_dim()
    {
        var config = ModelConfigJson.Parse("config.json", Qwen25);

        Assert.Equal((896, 4864, 24, 14, 2, 64), (config.HiddenSize, config.IntermediateSize, config.NumLayers, config.NumHeads, config.NumKvHeads, config.HeadDim));
        Assert.Equal((true, false, false, true), (config.QkvBias, config.OutputBias, config.QkNorm, config.TieWordEmbeddings));
        Assert.Equal((1e-6, 1_000_000.0, 151936, 32768), (config.RmsNormEps, config.RopeTheta, config.VocabSize, config.MaxPositionEmbeddings));
        Assert.Equal([151645], config.EosTokenIds);
        Assert.Equal((151643, "bfloat16", 7), (config.BosTokenId!.Value, config.TorchDType!, config.KvGroupSize));
        Assert.Null(config.RopeScaling);
    }

    [Fact]
    public void Qwen3_config_has_qk_norm_and_an_explicit_head_dim_wider_than_hidden_over_heads()
    {
        var config = ModelConfigJson.Parse("config.json", Qwen3);

        Assert.Equal((128, 16, 8), (config.HeadDim, config.NumHeads, config.NumKvHeads));
        Assert.Equal((false, false, true), (config.QkvBias, config.OutputBias, config.QkNorm));
        Assert.Equal(1_000_000.0, config.RopeTheta);
    }

    [Fact]
    public void Llama_config_reads_llama3_rope_scaling_and_a_list_of_eos_ids()
    {
        var config = ModelConfigJson.Parse("config.json", Llama32);

        Assert.Equal(new RopeScaling(RopeScalingKind.Llama3, 32.0, 1.0, 4.0, 8192), config.RopeScaling);
        Assert.Equal([128001, 128008, 128009], config.EosTokenIds);
        Assert.Equal((false, false, false), (config.QkvBias, config.OutputBias, config.QkNorm));
    }

    [Theory]
    [InlineData(Qwen25)]
    [InlineData(Qwen3)]
    [InlineData(Llama32)]
    public void Written_config_parses_back_to_an_equal_config(string json)
    {
        var config = ModelConfigJson.Parse("config.json", json);

        var again = ModelConfigJson.Parse("again.json", ModelConfigJson.ToJson(config));

        Assert.Equal(config with { EosTokenIds = [] }, again with { EosTokenIds = [] });
        Assert.Equal(config.EosTokenIds, again.EosTokenIds);
    }

    [Theory]
    [InlineData("""{"model_type":"gpt2"}""", "model_type 'gpt2' is not supported; this runtime loads llama, qwen2, qwen3 checkpoints")]
    [InlineData("""{"model_type":"llama","hidden_size":64}""", "config.json has no 'num_attention_heads'")]
    [InlineData("""{"model_type":"llama","hidden_size":"64","num_attention_heads":4}""", "config.json field 'hidden_size' must be an integer")]
    [InlineData("""{"model_type":"llama","hidden_act":"gelu"}""", "hidden_act 'gelu' is not supported")]
    [InlineData("""{"model_type":"llama","hidden_size":64,"num_attention_heads":4,"num_key_value_heads":3,"vocab_size":10,"intermediate_size":8,"num_hidden_layers":1,"max_position_embeddings":8}""", "num_attention_heads 4 is not a multiple of num_key_value_heads 3")]
    [InlineData("""{"model_type":"llama","hidden_size":64,"num_attention_heads":4,"vocab_size":10,"intermediate_size":8,"num_hidden_layers":1,"max_position_embeddings":8,"rope_scaling":{"rope_type":"yarn","factor":4}}""", "rope_scaling type 'yarn' is not supported")]
    [InlineData("""{"model_type":"llama","hidden_size":64,"num_attention_heads":4,"vocab_size":10,"intermediate_size":8,"num_hidden_layers":1,"max_position_embeddings":8,"rope_scaling":{"rope_type":"linear"}}""", "config.json has no 'rope_scaling.factor'")]
    [InlineData("""{"model_type":"llama","hidden_size":64,"num_attention_heads":4,"vocab_size":10,"intermediate_size":8,"num_hidden_layers":1,"max_position_embeddings":8,"eos_token_id":[1,"x"]}""", "field 'eos_token_id' must be an integer or a list of integers")]
    [InlineData("""{"model_type":"llama", """, "config.json is not valid JSON")]
    public void Bad_configs_name_the_file_and_the_field(string json, string expected)
    {
        var error = Assert.Throws<ModelFileException>(() => ModelConfigJson.Parse("/m/config.json", json));

        Assert.StartsWith("/m/config.json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Tiny_config_uses_llama_layout_with_tied_embeddings_and_swiglu_width_rounded_to_32()
    {
        var config = ModelConfig.Tiny(layers: 6, dim: 128, heads: 4, kvHeads: 2, context: 64, vocab: 100);

        Assert.Equal((ModelConfig.Llama, 6, 128, 352, 4, 2, 32), (config.ModelType, config.NumLayers, config.HiddenSize, config.IntermediateSize, config.NumHeads, config.NumKvHeads, config.HeadDim));
        Assert.Equal((64, 100, true), (config.MaxPositionEmbeddings, config.VocabSize, config.TieWordEmbeddings));
    }

    [Fact]
    public void Tiny_config_rejects_a_dim_that_heads_do_not_divide()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelConfig.Tiny(2, 30, 4, 4, 16, 10));

        Assert.Contains("dim 30 is not divisible by heads 4", error.Message);
    }

    [Fact]
    public void Rotary_frequencies_follow_theta_and_both_scaling_rules()
    {
        Assert.Equal([1.0, 0.01], RotaryFrequencies.Inverse(4, 10_000, null));
        Assert.Equal([0.5, 0.005], RotaryFrequencies.Inverse(4, 10_000, new RopeScaling(RopeScalingKind.Linear, 2.0)));

        // Llama 3 with an original context of 100: wavelengths 2π/f = 6.28 (kept), 62.8 (smoothed), 628 and 6283 (divided by 8).
        // Smoothing for f = 0.1: s = (100 / 62.83 - 1) / (4 - 1) = 0.1971831, f' = (1 - s) * 0.1 / 8 + s * 0.1 = 0.0297535.
        var llama3 = RotaryFrequencies.Inverse(8, 10_000, new RopeScaling(RopeScalingKind.Llama3, 8.0, 1.0, 4.0, 100));

        Assert.Equal(1.0, llama3[0], 12);
        Assert.Equal(0.0297535, llama3[1], 7);
        Assert.Equal(0.01 / 8, llama3[2], 12);
        Assert.Equal(0.001 / 8, llama3[3], 12);
    }
}
