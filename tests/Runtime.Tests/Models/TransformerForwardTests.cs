using Reft.Runtime.Models;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Models;

public sealed class TransformerForwardTests
{
    [Fact]
    public void Logits_match_an_independent_double_precision_transcription_with_every_optional_feature_on()
    {
        using var model = Transformer.Create(TestModels.FullFeatured(), seed: 5);
        TestModels.Perturb(model, seed: 6);
        var weights = model.NamedParameters.ToDictionary(pair => pair.Key, pair => pair.Value.data<float>());
        int[] tokens = [3, 9, 1, 10, 4, 4, 7];
        var expected = new ReferenceForward(model.Config, weights).Logits(tokens);

        using var scope = torch.NewDisposeScope();
        var logits = model.Forward(torch.tensor(tokens.Select(t => (long)t).ToArray(), [1, tokens.Length])).data<float>();

        for (var t = 0; t < tokens.Length; t++)
        {
            for (var v = 0; v < model.Config.VocabSize; v++)
            {
                Assert.Equal(expected[t, v], logits[t * model.Config.VocabSize + v], 1e-4);
            }
        }
    }

    [Fact]
    public void Left_padding_leaves_the_logits_of_real_tokens_unchanged()
    {
        using var model = TestModels.Tiny();
        using var scope = torch.NewDisposeScope();
        var alone = model.Forward(TestModels.Ids(new long[,] { { 5, 6, 7, 8 } }));
        var padded = model.Forward(
            TestModels.Ids(new long[,] { { 0, 0, 5, 6, 7, 8 }, { 9, 10, 11, 12, 13, 14 } }),
            torch.tensor(new long[] { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, [2, 6]));

        Assert.True(TestModels.MaxAbsDifference(alone[0], padded[0].narrow(0, 2, 4)) < 1e-5f);
        Assert.Equal(0, padded.isnan().sum().ToInt64());
    }

    [Fact]
    public void Decoding_with_a_kv_cache_gives_the_full_forward_logits_within_1e_5()
    {
        using var model = TestModels.Tiny();
        using var scope = torch.NewDisposeScope();
        var ids = TestModels.Ids(new long[,] { { 0, 0, 5, 6, 7, 8, 9, 10 }, { 3, 4, 5, 6, 7, 8, 9, 10 } });
        var mask = torch.tensor(new long[] { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, [2, 8]);
        var full = model.Forward(ids, mask);

        using var cache = new KvCache(model, batchSize: 2, capacity: 8);
        var pieces = new List<Tensor> { model.Forward(ids.narrow(1, 0, 4), mask.narrow(1, 0, 4), cache) };
        for (var t = 4; t < 8; t++)
        {
            pieces.Add(model.Forward(ids.narrow(1, t, 1), mask.narrow(1, t, 1), cache));
        }

        var incremental = torch.cat(pieces, 1);
        Assert.Equal(8, cache.Length);
        Assert.True(TestModels.MaxAbsDifference(full.narrow(1, 2, 6)[0], incremental.narrow(1, 2, 6)[0]) < 1e-5f);
        Assert.True(TestModels.MaxAbsDifference(full[1], incremental[1]) < 1e-5f);
    }

    [Fact]
    public void An_empty_skip_set_is_the_full_model_and_a_non_empty_one_changes_the_logits()
    {
        using var model = TestModels.Tiny();
        using var scope = torch.NewDisposeScope();
        var ids = TestModels.Ids(new long[,] { { 4, 8, 15, 16, 23 } });

        var full = model.Forward(ids);

        Assert.Equal(0f, TestModels.MaxAbsDifference(full, model.Forward(ids, skip: SkipSet.Empty)));
        Assert.True(TestModels.MaxAbsDifference(full, model.Forward(ids, skip: SkipSet.Of(1))) > 1e-3f);
    }

    [Fact]
    public void Skipping_a_block_equals_running_it_with_zero_residual_projections()
    {
        using var model = TestModels.Tiny();
        using var scope = torch.NewDisposeScope();
        var ids = TestModels.Ids(new long[,] { { 4, 8, 15, 16, 23 } });
        var skipped = model.Forward(ids, skip: SkipSet.Of(1));

        using (torch.no_grad())
        {
            foreach (var (name, parameter) in model.NamedParameters.Where(pair => pair.Key.StartsWith("model.layers.1.") && pair.Key.Contains("o_proj") || pair.Key == "model.layers.1.mlp.down_proj.weight"))
            {
                parameter.zero_();
            }
        }

        Assert.True(TestModels.MaxAbsDifference(skipped, model.Forward(ids)) < 1e-6f);
    }

    [Fact]
    public void A_cache_has_entries_only_for_kept_layers_and_rejects_another_skip_set()
    {
        using var model = TestModels.Tiny();
        using var cache = new KvCache(model, batchSize: 1, capacity: 4, SkipSet.Of(1));
        using var scope = torch.NewDisposeScope();

        Assert.Equal([0, 2], cache.CachedLayers);
        var error = Assert.Throws<ArgumentException>(() => model.Forward(TestModels.Ids(new long[,] { { 1 } }), cache: cache, skip: SkipSet.Of(2)));
        Assert.Contains("built for skip set {1}", error.Message);
    }

    [Fact]
    public void Sequence_log_probs_are_the_log_softmax_at_the_predicting_positions_and_carry_gradients()
    {
        using var model = TestModels.Tiny();
        using var scope = torch.NewDisposeScope();
        var prompt = TestModels.Ids(new long[,] { { 0, 5, 6 }, { 7, 8, 9 } });
        var promptMask = torch.tensor(new float[] { 0, 1, 1, 1, 1, 1 }, [2, 3]);
        var completion = TestModels.Ids(new long[,] { { 10, 11 }, { 12, 0 } });
        var completionMask = torch.tensor(new float[] { 1, 1, 1, 0 }, [2, 2]);
        var input = LearnerInput.Concatenate(prompt, promptMask, completion, completionMask);

        var logProbs = model.SequenceLogProbs(input);

        var all = model.Forward(input.InputIds, input.AttentionMask).log_softmax(-1);
        var expected = new[] { all[0][2][10], all[0][3][11], all[1][2][12] }.Select(t => t.ToSingle()).ToArray();
        var actual = logProbs.data<float>();
        Assert.Equal(expected[0], actual[0], 1e-5f);
        Assert.Equal(expected[1], actual[1], 1e-5f);
        Assert.Equal(expected[2], actual[2], 1e-5f);
        Assert.Equal(0f, actual[3]);

        logProbs.sum().backward();
        var gradient = model.NamedParameters[0].Value.grad!;
        Assert.True(gradient.abs().sum().ToSingle() > 0);
    }

    [Theory]
    [InlineData(1)]   // one position per chunk
    [InlineData(3)]   // chunks of 3, 3 and a last one of 1
    public void No_grad_scoring_in_chunks_of_the_logit_budget_equals_scoring_at_once(int positionsPerChunk)
    {
        using var model = TestModels.Tiny();
        using var scope = torch.NewDisposeScope();
        var prompt = TestModels.Ids(new long[,] { { 0, 5, 6 }, { 7, 8, 9 } });
        var promptMask = torch.tensor(new float[] { 0, 1, 1, 1, 1, 1 }, [2, 3]);
        var completion = TestModels.Ids(new long[,] { { 10, 11, 3, 4, 5, 6, 7 }, { 12, 1, 2, 8, 9, 0, 0 } });
        var completionMask = torch.tensor(new float[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 }, [2, 7]);
        var input = LearnerInput.Concatenate(prompt, promptMask, completion, completionMask);
        var budget = positionsPerChunk * 2L * model.Config.VocabSize;

        var atOnce = model.SequenceLogProbs(input, temperature: 0.7).data<float>();
        float[] chunked;
        using (torch.no_grad())
        {
            chunked = model.SequenceLogProbs(input, temperature: 0.7, logitBudget: budget).data<float>();
        }

        Assert.Equal(atOnce.Length, chunked.Length);
        for (var i = 0; i < atOnce.Length; i++)
        {
            Assert.Equal(atOnce[i], chunked[i], 1e-5f);
        }
        Assert.Equal(0f, chunked[^1]);
        // With grad the budget is ignored: backprop needs every logit, and the result still carries gradients.
        Assert.True(model.SequenceLogProbs(input, logitBudget: budget).requires_grad);
    }

    [Fact]
    public void Tiny_init_is_seeded_and_scales_residual_projections_down()
    {
        using var first = TestModels.Tiny(seed: 3);
        using var again = TestModels.Tiny(seed: 3);
        using var other = TestModels.Tiny(seed: 4);
        using var scope = torch.NewDisposeScope();

        Assert.Equal(first.NamedParameters[0].Value.data<float>(), again.NamedParameters[0].Value.data<float>());
        Assert.NotEqual(first.NamedParameters[0].Value.data<float>(), other.NamedParameters[0].Value.data<float>());

        double Std(string name)
        {
            var values = first.NamedParameters.Single(pair => pair.Key == name).Value.data<float>();
            return Math.Sqrt(values.Average(v => (double)v * v));
        }

        Assert.Equal(0.02, Std(ParameterLayout.Embedding), 0.002);
        Assert.Equal(0.02 / Math.Sqrt(6), Std("model.layers.0.mlp.down_proj.weight"), 0.001);
        Assert.Equal(1.0, Std("model.layers.0.input_layernorm.weight"), 1e-9);
        Assert.DoesNotContain(first.NamedParameters, pair => pair.Key == ParameterLayout.LmHead);
    }
}
