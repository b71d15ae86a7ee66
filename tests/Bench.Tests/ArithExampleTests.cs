using Reft.Compiler;
using Reft.Language;
using Reft.Runtime.Text;

namespace Reft.Bench.Tests;

/// <summary>
/// The nested and DASH benchmarks read examples/arith.reft through its plan; these keep `make bench`
/// from breaking, or silently measuring something else, when the example is tuned.
/// </summary>
public sealed class ArithExampleTests
{
    [Fact]
    public void The_default_example_loads_with_a_nested_behaviour_and_consistent_batch_sizes()
    {
        var example = ArithExample.Load();

        Assert.NotNull(example.Skip);
        Assert.Equal(0, example.Prompts % example.SampleChunkPrompts);
        Assert.Equal(0, example.Prompts % example.MicroPrompts);
        Assert.True(example.Group >= 2, $"group {example.Group}");
        Assert.InRange(example.MaxPromptTokens + example.Sampling.MaxNewTokens, 2, example.Model.MaxPositionEmbeddings);
    }

    [Fact]
    public void The_reward_of_the_example_is_read_as_its_weights()
    {
        // examples/arith.reft: reward correct = number(completion) == number(answer); reward short = -0.01 * length(completion)
        var reward = ArithExample.Load().Reward;

        Assert.Equal(new ArithReward(1.0, -0.01), reward);
        Assert.Equal(1.0 - 0.01 * 2, reward.Score("12", "12", CharTokenizer.Default), 12);
        Assert.Equal(-0.01 * 3, reward.Score("1,3", "13", CharTokenizer.Default), 12);
    }

    [Fact]
    public void A_reward_term_the_benchmark_cannot_score_is_refused_by_name()
    {
        var text = File.ReadAllText(Path.Combine(ArithExample.RepositoryRoot(), ArithExample.RelativePath))
            .Replace("reward short   = -0.01 * length(completion)", "reward short   = contains(completion, \"=\")", StringComparison.Ordinal);
        Assert.Contains("contains(completion", text, StringComparison.Ordinal);
        var plan = ReftCompiler.Compile(SourceText.From(text, "arith.reft"), Path.Combine(ArithExample.RepositoryRoot(), "examples")).Plan;
        Assert.NotNull(plan);

        var refused = Assert.Throws<NotSupportedException>(() => ArithReward.From(plan));
        Assert.StartsWith("reward short = contains(completion, \"=\")", refused.Message, StringComparison.Ordinal);
    }
}
