using Reft.Runtime.Rollout;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Rollout;

public sealed class TokenSamplerTests
{
    // Probabilities 0.5, 0.3, 0.15, 0.05 for tokens 0..3.
    private static Tensor Logits() => torch.tensor(new[] { 0.5f, 0.3f, 0.15f, 0.05f }.Select(p => MathF.Log(p)).ToArray(), [1, 4]);

    private static (long Token, float LogProb) Draw(SamplingOptions options, double uniform)
    {
        using var scope = torch.NewDisposeScope();
        var (tokens, logProbs) = TokenSampler.Sample(Logits(), options, [uniform]);
        return (tokens.ToInt64(), logProbs.ToSingle());
    }

    [Theory]
    [InlineData(0.49, 0, 0.5)]
    [InlineData(0.51, 1, 0.3)]
    [InlineData(0.81, 2, 0.15)]
    [InlineData(1.0, 3, 0.05)]
    public void The_full_distribution_is_sampled_by_inverse_cdf(double uniform, long token, double probability)
    {
        var (drawn, logProb) = Draw(new SamplingOptions(), uniform);

        Assert.Equal(token, drawn);
        Assert.Equal(Math.Log(probability), logProb, 1e-5);
    }

    [Theory]
    [InlineData(0.6, 0, 0.5 / 0.8)]
    [InlineData(0.7, 1, 0.3 / 0.8)]
    [InlineData(1.0, 1, 0.3 / 0.8)]
    public void Top_p_keeps_the_smallest_head_reaching_p_and_renormalises(double uniform, long token, double probability)
    {
        var (drawn, logProb) = Draw(new SamplingOptions { TopP = 0.7 }, uniform);

        Assert.Equal(token, drawn);
        Assert.Equal(Math.Log(probability), logProb, 1e-5);
    }

    [Fact]
    public void Top_k_keeps_k_tokens_and_temperature_flattens_the_distribution()
    {
        var (topToken, topLogProb) = Draw(new SamplingOptions { TopK = 3 }, 1.0);
        Assert.Equal(2, topToken);
        Assert.Equal(Math.Log(0.15 / 0.95), topLogProb, 1e-5);

        // Temperature 2: probabilities ∝ sqrt(p) = 0.7071, 0.5477, 0.3873, 0.2236 (sum 1.8657).
        var (hotToken, hotLogProb) = Draw(new SamplingOptions { Temperature = 2.0 }, 0.40);
        Assert.Equal(1, hotToken);
        Assert.Equal(Math.Log(0.5477226 / 1.8657), hotLogProb, 1e-4);
    }

    [Fact]
    public void Greedy_takes_the_argmax_with_log_mu_zero()
    {
        Assert.Equal((0L, 0f), Draw(new SamplingOptions { Greedy = true }, 0.99));
    }
}
