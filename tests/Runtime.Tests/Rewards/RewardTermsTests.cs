using Reft.Runtime.Rewards;

namespace Reft.Runtime.Tests.Rewards;

public sealed class RewardTermsTests
{
    [Fact]
    public void Total_is_the_weighted_sum_and_terms_keep_unweighted_values()
    {
        var reward = new RewardTerms().Add("correct", 1.0, true).Add("format", 0.1, true).Add("length", -0.01, 30);
        Assert.Equal(1.0 + 0.1 - 0.3, reward.Total, 12);
        Assert.Equal(30, reward["length"]);
        Assert.Equal(["correct", "format", "length"], reward.Terms.Select(t => t.Name));
        Assert.Equal(-0.3, reward.Terms[2].Weighted, 12);
    }

    [Fact]
    public void Means_per_term_over_completions()
    {
        var rewards = new[]
        {
            new RewardTerms().Add("correct", 1, true).Add("format", 0.5, false),
            new RewardTerms().Add("correct", 1, false).Add("format", 0.5, true),
            new RewardTerms().Add("correct", 1, true).Add("format", 0.5, true),
        };
        var means = RewardTerms.Means(rewards);
        Assert.Equal(["correct", "format", "total"], means.Select(m => m.Key));
        Assert.Equal(2.0 / 3, means[0].Value, 12);
        Assert.Equal(2.0 / 3, means[1].Value, 12);
        Assert.Equal((1.0 + 0.5 + 1.5) / 3, means[2].Value, 12);
    }

    [Fact]
    public void Bad_terms_are_rejected_with_the_name()
    {
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => new RewardTerms().Add("x", 1, double.NaN)).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => new RewardTerms().Add("x", 1, 1.0).Add("x", 1, 0.0)).Message);
        Assert.Throws<KeyNotFoundException>(() => new RewardTerms()["missing"]);
    }
}
