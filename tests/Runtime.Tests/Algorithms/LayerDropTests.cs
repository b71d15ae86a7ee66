using Reft.Runtime.Algorithms;
using Reft.Runtime.Models;
using Reft.Runtime.Pipeline;
using Reft.Runtime.Tests.Models;
using Reft.Runtime.Text;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Algorithms;

public class LayerDropTests
{
    private const ulong Seed = 20261122;

    [Fact]
    public void A_step_draws_the_same_set_every_time()
    {
        var drop = new LayerDrop(0.5, keepFirst: 1, keepLast: 1);
        var first = Enumerable.Range(0, 50).Select(step => drop.Draw(6, Seed, step)).ToList();
        var again = Enumerable.Range(0, 50).Select(step => drop.Draw(6, Seed, step)).ToList();
        Assert.Equal(first, again);
        Assert.True(first.Distinct().Count() > 5, "different steps should draw different sets");
        Assert.NotEqual(first, Enumerable.Range(0, 50).Select(step => drop.Draw(6, Seed + 1, step)).ToList());
    }

    [Fact]
    public void Protected_layers_are_never_dropped_and_the_others_at_the_given_rate()
    {
        var drop = new LayerDrop(0.25, keepFirst: 2, keepLast: 1);
        var drawn = Enumerable.Range(0, 4000).Select(step => drop.Draw(6, Seed, step)).ToList();
        Assert.All(drawn, set => Assert.All(set, layer => Assert.InRange(layer, 2, 4)));
        foreach (var layer in new[] { 2, 3, 4 })
            Assert.InRange(drawn.Count(set => set.Contains(layer)) / 4000.0, 0.22, 0.28);
        // Three droppable layers, each kept with probability 3/4: (3/4)³ = 27/64 of the steps drop nothing.
        Assert.InRange(drawn.Count(set => set.IsEmpty) / 4000.0, 27 / 64.0 - 0.03, 27 / 64.0 + 0.03);
    }

    [Fact]
    public void Probability_zero_never_drops()
    {
        var drop = new LayerDrop(0, keepFirst: 1, keepLast: 0);
        Assert.All(Enumerable.Range(0, 100), step => Assert.True(drop.Draw(4, Seed, step).IsEmpty));
    }

    [Theory]
    [InlineData(1.0, 1, 1)]
    [InlineData(-0.1, 1, 1)]
    [InlineData(0.1, 0, 0)]
    [InlineData(0.1, -1, 2)]
    public void Out_of_range_settings_are_rejected(double probability, int keepFirst, int keepLast)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayerDrop(probability, keepFirst, keepLast));
    }

    [Fact]
    public void A_model_whose_protected_layers_cover_it_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayerDrop(0.1, keepFirst: 2, keepLast: 1).Draw(3, Seed, 0));
    }

    [Fact]
    public void The_sft_loss_with_nothing_dropped_is_the_full_models_and_differs_with_a_drop()
    {
        using var scope = torch.NewDisposeScope();
        var model = TestModels.Tiny();
        var tokenizer = new CharTokenizer("0123456789+-=");
        var input = SupervisedBatch.Create(tokenizer, ["12+7=", "3-5="], ["19", "-2"], maxTokens: 16, model.Device);
        double Loss(SkipSet? skip) => (-model.SequenceLogProbs(input, skip)).sum().item<float>();

        var full = Loss(null);
        Assert.Equal(full, Loss(new LayerDrop(0, keepFirst: 1, keepLast: 1).Draw(3, Seed, 7)));
        var drop = new LayerDrop(0.5, keepFirst: 1, keepLast: 1);
        var dropping = Enumerable.Range(0, 20).Select(step => drop.Draw(3, Seed, step)).First(set => !set.IsEmpty);
        Assert.Equal(SkipSet.Of(1), dropping);
        Assert.NotEqual(full, Loss(dropping), precision: 4);
    }
}
