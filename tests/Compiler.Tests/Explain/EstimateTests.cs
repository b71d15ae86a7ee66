using Reft.Compiler.Explain;
using Reft.Compiler.Plan;
using Reft.Compiler.Tests.Support;

namespace Reft.Compiler.Tests.Explain;

/// <summary>The estimates of docs/language.md, checked against numbers worked out by hand.</summary>
public class EstimateTests
{
    private static TrainingPlan Arith()
    {
        var result = Specs.Compile(Specs.Arith);
        Assert.True(result.Plan is not null, Specs.Describe(result.Diagnostics));
        return result.Plan!;
    }

    [Fact]
    public void Tiny_parameter_count_by_hand()
    {
        // V=128, H=128, L=6, I=4·128=512, kv=H: embed 16384; per layer attn 4·128² = 65536,
        // mlp 3·128·512 = 196608, norms 256 → 262400; ×6 = 1574400; final norm 128; untied head 16384.
        Assert.Equal(16384 + 1574400 + 128 + 16384, Estimates.Parameters(Arith().Policy.Config));
    }

    [Fact]
    public void Qwen2_5_0_5B_parameter_count_matches_the_published_size()
    {
        // Qwen2.5-0.5B-Instruct has 494,032,768 parameters (tied embeddings, qkv biases).
        var config = new ModelConfig(24, 896, 14, 2, 32768, 151936, 4864, TieEmbeddings: true, AttentionBias: true, 1e6, 1e-6);
        Assert.Equal(494_032_768, Estimates.Parameters(config));
    }

    [Fact]
    public void Rl_stage_tokens_and_memory_by_hand()
    {
        var plan = Arith();
        var estimate = Estimates.For(plan, plan.Stages[1]);
        const long n = 1_607_296;
        // 32 prompts × 8 completions × 8 max_tokens; sequences of 56 prompt + 8 completion tokens.
        Assert.Equal(32 * 8 * 8, estimate.TokensGenerated);
        Assert.Equal(32 * 8 * 64, estimate.TokensBackpropagated);
        Assert.Equal(n * 4, estimate.WeightBytes);
        Assert.Equal(n * 4, estimate.GradientBytes);
        Assert.Equal(n * 8, estimate.AdamWBytes);
        // micro 8 prompts × 8 = 64 rows of 64 tokens: per layer 4096·(34·128 + 5·4·64)·4/2 bytes, ×6, plus fp32 logits 4096·128·4.
        Assert.Equal(6L * 4096 * (34 * 128 + 5 * 4 * 64) * 2 + 4096L * 128 * 4, estimate.ActivationBytes);
        // at least 1 layer skipped: 5 kept layers × K and V × 256 rows × 64 tokens × 4 heads × 32 dims × 4 bytes.
        Assert.Equal(2L * 5 * 256 * 64 * 4 * 32 * 4, estimate.KvCacheBytes);
        Assert.Equal((1, 2, 6), (estimate.MinSkippedLayers, estimate.MaxSkippedLayers, estimate.Depth));
    }

    [Fact]
    public void Sft_stage_backpropagates_batch_times_context()
    {
        var plan = Arith();
        var estimate = Estimates.For(plan, plan.Stages[0]);
        Assert.Equal(64 * 64, estimate.TokensBackpropagated);
        Assert.Equal(0, estimate.TokensGenerated);
        Assert.Equal(0, estimate.KvCacheBytes);
    }

    [Fact]
    public void Bf16_halves_weights_and_a_reference_doubles_them()
    {
        var plan = Arith();
        var bf16 = plan with { Precision = Precision.Bf16, Reference = new ReferencePlan("reference", "policy", plan.Span) };
        var estimate = Estimates.For(bf16, bf16.Stages[1]);
        Assert.Equal(1_607_296L * 2 * 2, estimate.WeightBytes);
        Assert.Equal(1_607_296L * 2, estimate.GradientBytes);
        Assert.Equal(1_607_296L * 8, estimate.AdamWBytes);
    }

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(3L * 1024 * 1024 * 1024, "3.0 GiB")]
    public void Bytes_are_printed_in_binary_units(long bytes, string expected) => Assert.Equal(expected, ExplainRenderer.Bytes(bytes));
}
