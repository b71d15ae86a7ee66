using Reft.Runtime.Models;
using Reft.Runtime.Rollout;
using Reft.Runtime.Tests.Models;
using Reft.Runtime.Torch;
using static Reft.Runtime.Tests.Rollout.RolloutTestSetup;

namespace Reft.Runtime.Tests.Rollout;

public sealed class RolloutEngineTests
{
    [Fact]
    public void Recorded_behaviour_log_probs_equal_a_full_sequence_forward_with_the_same_skip_set()
    {
        using var model = Model();
        var skip = SkipSet.Of(1, 2);
        using var batch = new RolloutEngine(model, Tokenizer).Sample(Prompts(), group: 3, skip, NoEos(), seed: 4);
        using var scope = torch.NewDisposeScope();
        var input = batch.ToLearnerInput();

        var recomputed = model.SequenceLogProbs(input, skip);
        var fullDepth = model.SequenceLogProbs(input);

        Assert.True(TestModels.MaxAbsDifference(batch.BehaviourLogProbs, recomputed) < 1e-4f);
        Assert.True(TestModels.MaxAbsDifference(batch.BehaviourLogProbs, fullDepth) > 1e-2f);
        Assert.Equal(skip, batch.Skip);
    }

    [Fact]
    public void Log_probs_at_a_temperature_are_those_of_the_tempered_distribution()
    {
        using var model = Model();
        var sampling = NoEos() with { Temperature = 0.7 };
        using var batch = new RolloutEngine(model, Tokenizer).Sample(Prompts(), group: 2, SkipSet.Empty, sampling, seed: 4);
        using var scope = torch.NewDisposeScope();

        var recomputed = model.SequenceLogProbs(batch.ToLearnerInput(), temperature: 0.7);

        Assert.True(TestModels.MaxAbsDifference(batch.BehaviourLogProbs, recomputed) < 1e-4f);
    }

    [Fact]
    public void The_same_seed_gives_the_same_batch_and_another_seed_another()
    {
        using var model = Model();
        var engine = new RolloutEngine(model, Tokenizer);
        using var first = engine.Sample(Prompts(), 4, SkipSet.Empty, NoEos(), seed: 7);
        using var again = engine.Sample(Prompts(), 4, SkipSet.Empty, NoEos(), seed: 7);
        using var other = engine.Sample(Prompts(), 4, SkipSet.Empty, NoEos(), seed: 8);
        using var scope = torch.NewDisposeScope();

        Assert.Equal(first.CompletionIds.data<long>(), again.CompletionIds.data<long>());
        Assert.Equal(first.BehaviourLogProbs.data<float>(), again.BehaviourLogProbs.data<float>());
        Assert.Equal(first.CompletionTexts, again.CompletionTexts);
        Assert.NotEqual(first.CompletionIds.data<long>(), other.CompletionIds.data<long>());
        Assert.NotEqual(first.CompletionTexts[0], first.CompletionTexts[1]);
    }

    [Fact]
    public void Top_k_of_one_equals_greedy_decoding_with_log_mu_zero()
    {
        using var model = Model();
        var engine = new RolloutEngine(model, Tokenizer);
        using var greedy = engine.Sample(Prompts(), 2, SkipSet.Empty, NoEos() with { Greedy = true }, seed: 1);
        using var topOne = engine.Sample(Prompts(), 2, SkipSet.Empty, NoEos() with { TopK = 1, Temperature = 1.3 }, seed: 2);
        using var scope = torch.NewDisposeScope();

        Assert.Equal(greedy.CompletionIds.data<long>(), topOne.CompletionIds.data<long>());
        Assert.All(topOne.BehaviourLogProbs.data<float>(), value => Assert.Equal(0f, value));
        Assert.Equal(greedy.CompletionTexts[0], greedy.CompletionTexts[1]);
    }

    [Fact]
    public void Decoding_without_a_kv_cache_draws_the_same_tokens()
    {
        using var model = Model();
        using var cached = new RolloutEngine(model, Tokenizer).Sample(Prompts(), 2, SkipSet.Of(2), NoEos(), seed: 3);
        using var recomputed = new RolloutEngine(model, Tokenizer, new RolloutEngineOptions { UseKvCache = false }).Sample(Prompts(), 2, SkipSet.Of(2), NoEos(), seed: 3);
        using var scope = torch.NewDisposeScope();

        Assert.Equal(cached.CompletionIds.data<long>(), recomputed.CompletionIds.data<long>());
        Assert.True(TestModels.MaxAbsDifference(cached.BehaviourLogProbs, recomputed.BehaviourLogProbs) < 1e-5f);
    }

    [Fact]
    public void Dropping_finished_rows_from_the_batch_does_not_change_what_is_drawn()
    {
        using var model = Model();
        var sampling = new SamplingOptions { MaxNewTokens = 16, EosTokenIds = Enumerable.Range(40, 12).ToArray() };
        using var compacting = new RolloutEngine(model, Tokenizer, new RolloutEngineOptions { CompactBelow = 1.0 }).Sample(Prompts(), 4, SkipSet.Empty, sampling, seed: 5);
        using var fixedRows = new RolloutEngine(model, Tokenizer, new RolloutEngineOptions { CompactBelow = 0.0 }).Sample(Prompts(), 4, SkipSet.Empty, sampling, seed: 5);
        using var scope = torch.NewDisposeScope();

        Assert.True(compacting.Stats.Compactions > 0);
        Assert.Equal(0, fixedRows.Stats.Compactions);
        Assert.Equal(fixedRows.CompletionIds.data<long>(), compacting.CompletionIds.data<long>());
        Assert.True(TestModels.MaxAbsDifference(fixedRows.BehaviourLogProbs, compacting.BehaviourLogProbs) < 1e-5f);
        Assert.Equal(fixedRows.CompletionLengths.Sum(), compacting.Stats.GeneratedTokens);
    }

    [Fact]
    public void An_end_of_sequence_token_ends_the_completion_and_stays_in_its_mask_but_not_its_text()
    {
        using var model = Model();
        var engine = new RolloutEngine(model, Tokenizer);
        using var open = engine.Sample(Prompts().Take(1).ToArray(), 1, SkipSet.Empty, NoEos() with { Greedy = true }, seed: 0);
        var tokens = open.CompletionIds.data<long>();
        var end = (int)tokens[3];
        var firstEnd = Array.IndexOf(tokens, (long)end);

        using var ended = engine.Sample(Prompts().Take(1).ToArray(), 1, SkipSet.Empty, NoEos() with { Greedy = true, EosTokenIds = [end] }, seed: 0);

        Assert.Equal([firstEnd + 1], ended.CompletionLengths);
        Assert.Equal(tokens.Take(firstEnd + 1), ended.CompletionIds.data<long>());
        Assert.Equal(Tokenizer.Decode(tokens.Take(firstEnd).Select(t => (int)t).ToArray()), ended.CompletionTexts[0]);
        Assert.Equal([false], ended.Truncated);
        Assert.Equal([true], open.Truncated);
        Assert.Equal([10], open.CompletionLengths);
    }

    [Fact]
    public void A_stop_string_ends_the_completion_and_cuts_the_text_before_it()
    {
        using var model = Model();
        var engine = new RolloutEngine(model, Tokenizer);
        using var open = engine.Sample(Prompts(), 1, SkipSet.Empty, NoEos(12) with { Greedy = true }, seed: 0);
        var text = open.CompletionTexts[2];
        var stop = text.Substring(4, 2);
        var cut = text.IndexOf(stop, StringComparison.Ordinal);

        using var stopped = engine.Sample(Prompts(), 1, SkipSet.Empty, NoEos(12) with { Greedy = true, Stop = [stop] }, seed: 0);

        Assert.Equal(text[..cut], stopped.CompletionTexts[2]);
        Assert.Equal(cut + stop.Length, stopped.CompletionLengths[2]);
        Assert.False(stopped.Truncated[2]);
    }

    [Fact]
    public void Rows_are_grouped_by_prompt_and_the_learner_input_concatenates_prompt_and_completion()
    {
        using var model = Model();
        using var batch = new RolloutEngine(model, Tokenizer).Sample(Prompts(), 2, SkipSet.Empty, NoEos(5), seed: 9);
        using var scope = torch.NewDisposeScope();

        Assert.Equal([0, 0, 1, 1, 5, 5], batch.PromptIndices);
        Assert.Equal(2, batch.GroupSize);
        Assert.Equal([6L, 8L], batch.PromptIds.shape);
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 1, 1, 1 }, batch.PromptMask[2].data<float>());
        var input = batch.ToLearnerInput();
        Assert.Equal([6L, 13L], input.InputIds.shape);
        Assert.Equal(8, input.PromptLength);
        Assert.Equal(batch.CompletionIds[3].data<long>(), input.InputIds[3].narrow(0, 8, 5).data<long>());

        using var picked = batch.Select([5, 0]);
        Assert.Equal([5, 0], picked.PromptIndices);
        Assert.Equal(batch.CompletionIds[5].data<long>(), picked.CompletionIds[0].data<long>());
        Assert.Equal(batch.CompletionTexts[0], picked.CompletionTexts[1]);
    }

    [Fact]
    public void Prompts_that_leave_no_room_or_hold_no_tokens_are_rejected_with_the_prompt_index()
    {
        using var model = Model();
        var engine = new RolloutEngine(model, Tokenizer);
        var tooLong = new RolloutPrompt(17, Enumerable.Repeat(5, 40).ToArray());

        var longError = Assert.Throws<ArgumentException>(() => engine.Sample([tooLong], 1, SkipSet.Empty, NoEos(), 0));
        var emptyError = Assert.Throws<ArgumentException>(() => engine.Sample([new RolloutPrompt(3, [])], 1, SkipSet.Empty, NoEos(), 0));
        var samplingError = Assert.Throws<ArgumentException>(() => engine.Sample(Prompts(), 1, SkipSet.Empty, NoEos() with { TopP = 0 }, 0));

        Assert.Contains("prompt 17 has 40 tokens, which leaves no room in the model's context of 40", longError.Message);
        Assert.Contains("prompt 3 has no tokens", emptyError.Message);
        Assert.Contains("top_p 0 must lie in (0, 1]", samplingError.Message);
    }

    [Fact]
    public void Generation_stops_at_the_context_length_and_marks_rows_truncated()
    {
        using var model = Model();
        var prompt = new RolloutPrompt(0, Enumerable.Repeat(5, 36).ToArray());

        using var batch = new RolloutEngine(model, Tokenizer).Sample([prompt], 1, SkipSet.Empty, NoEos(50), 0);

        Assert.Equal([4], batch.CompletionLengths);
        Assert.Equal([true], batch.Truncated);
    }
}
