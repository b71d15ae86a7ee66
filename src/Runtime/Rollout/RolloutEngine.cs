using System.Diagnostics;
using Reft.Runtime.Algorithms;
using Reft.Runtime.Models;
using Reft.Runtime.Text;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Rollout;

/// <summary>
/// Batched generation: G completions per prompt, prompts left-padded into one batch, a KV cache for
/// the layers the skip set keeps, and finished rows dropped from the batch as they accumulate.
/// Every random draw comes from (seed, row, step), so a seed gives the same batch on every run,
/// however the batch was compacted.
/// </summary>
public sealed class RolloutEngine(Transformer model, ITokenizer tokenizer, RolloutEngineOptions? options = null)
{
    private readonly RolloutEngineOptions options = options ?? new RolloutEngineOptions();

    public Transformer Model => model;

    public RolloutBatch Sample(IReadOnlyList<RolloutPrompt> prompts, int group, SkipSet skip, SamplingOptions sampling, ulong seed)
    {
        Validate(prompts, group, skip, sampling);
        var stopwatch = Stopwatch.StartNew();
        var rows = prompts.Count * group;
        var promptOfRow = Enumerable.Range(0, rows).Select(row => prompts[row / group]).ToArray();
        var promptLength = prompts.Max(prompt => prompt.TokenIds.Count);
        var steps = Math.Min(sampling.MaxNewTokens, model.Config.MaxPositionEmbeddings - promptLength);
        var endOfSequence = EndOfSequenceIds(sampling);
        var padId = tokenizer.PadId ?? endOfSequence.DefaultIfEmpty(0).Min();
        var states = promptOfRow.Select(_ => new CompletionState(tokenizer, endOfSequence, sampling.Stop)).ToArray();

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (promptIds, promptMask) = LeftPadded(promptOfRow, promptLength, padId);
        var decoding = new DecodingBatch(model, skip, rows, promptLength + steps, options.UseKvCache, promptIds, promptMask);
        using (decoding)
        {
            var stepsRun = 0;
            for (var step = 0; step < steps; step++)
            {
                stepsRun++;
                using var stepScope = torch.NewDisposeScope();
                var uniforms = decoding.Rows.Select(row => 1.0 - SplitMix64.ForCell(seed, row, step).NextDouble()).ToArray();
                var (tokens, logProbs) = TokenSampler.Sample(decoding.Logits, sampling, uniforms);
                var sampledTokens = tokens.data<long>();
                var sampledLogProbs = logProbs.data<float>();
                for (var i = 0; i < uniforms.Length; i++)
                {
                    var state = states[decoding.Rows[i]];
                    if (!state.Finished)
                    {
                        state.Add((int)sampledTokens[i], sampledLogProbs[i], lastAllowed: step == steps - 1);
                    }
                }

                var unfinished = Enumerable.Range(0, uniforms.Length).Where(i => !states[decoding.Rows[i]].Finished).ToArray();
                if (unfinished.Length == 0)
                {
                    break;
                }

                if (unfinished.Length < uniforms.Length && unfinished.Length <= options.CompactBelow * uniforms.Length)
                {
                    tokens = decoding.KeepRows(unfinished, tokens);
                }

                decoding.Step(tokens);
            }

            var stats = new RolloutStats(states.Sum(state => (long)state.Tokens.Count), stepsRun, stopwatch.Elapsed.TotalSeconds, decoding.Compactions);
            return Assemble(promptOfRow, group, states, promptIds, promptMask, padId, skip, stats);
        }
    }

    private void Validate(IReadOnlyList<RolloutPrompt> prompts, int group, SkipSet skip, SamplingOptions sampling)
    {
        var problem = sampling.FindProblem();
        if (problem is not null)
        {
            throw new ArgumentException($"sampling: {problem}");
        }

        if (prompts.Count == 0 || group < 1)
        {
            throw new ArgumentException($"a rollout needs at least one prompt and a group of at least 1 (got {prompts.Count} prompts, group {group})");
        }

        skip.RequireFits(model.Config.NumLayers);
        foreach (var prompt in prompts)
        {
            if (prompt.TokenIds.Count == 0)
            {
                throw new ArgumentException($"prompt {prompt.Index} has no tokens; give every prompt at least one token (e.g. BOS)");
            }

            if (prompt.TokenIds.Count >= model.Config.MaxPositionEmbeddings)
            {
                throw new ArgumentException(
                    $"prompt {prompt.Index} has {prompt.TokenIds.Count} tokens, which leaves no room in the model's context of {model.Config.MaxPositionEmbeddings}; shorten the prompt");
            }

            if (prompt.TokenIds.Any(id => id < 0 || id >= model.Config.VocabSize))
            {
                throw new ArgumentException($"prompt {prompt.Index} holds token ids outside the model's vocabulary of {model.Config.VocabSize}; use the model's own tokenizer");
            }
        }
    }

    private HashSet<int> EndOfSequenceIds(SamplingOptions sampling)
    {
        if (sampling.EosTokenIds is { } explicitIds)
        {
            return [.. explicitIds];
        }

        var ids = new HashSet<int>(model.Config.EosTokenIds);
        if (tokenizer.EosId is { } eos)
        {
            ids.Add(eos);
        }

        return ids;
    }

    private (Tensor Ids, Tensor Mask) LeftPadded(RolloutPrompt[] promptOfRow, int length, int padId)
    {
        var ids = new long[promptOfRow.Length * length];
        var mask = new bool[ids.Length];
        for (var row = 0; row < promptOfRow.Length; row++)
        {
            var tokens = promptOfRow[row].TokenIds;
            var start = row * length + length - tokens.Count;
            ids.AsSpan(row * length, length - tokens.Count).Fill(padId);
            for (var t = 0; t < tokens.Count; t++)
            {
                ids[start + t] = tokens[t];
                mask[start + t] = true;
            }
        }

        long[] shape = [promptOfRow.Length, length];
        return (torch.tensor(ids, shape, device: model.Device), torch.tensor(mask, shape, device: model.Device));
    }

    private RolloutBatch Assemble(RolloutPrompt[] promptOfRow, int group, CompletionState[] states, Tensor promptIds, Tensor promptMask,
        int padId, SkipSet skip, RolloutStats stats)
    {
        var rows = states.Length;
        var width = Math.Max(1, states.Max(state => state.Tokens.Count));
        var ids = new long[rows * width];
        var mask = new float[ids.Length];
        var logProbs = new float[ids.Length];
        Array.Fill(ids, padId);
        for (var row = 0; row < rows; row++)
        {
            for (var t = 0; t < states[row].Tokens.Count; t++)
            {
                ids[row * width + t] = states[row].Tokens[t];
                mask[row * width + t] = 1;
                logProbs[row * width + t] = states[row].LogProbs[t];
            }
        }

        long[] shape = [rows, width];
        return new RolloutBatch(
            promptOfRow.Select(prompt => prompt.Index).ToArray(),
            group,
            promptOfRow.Select(prompt => prompt.TokenIds).ToArray(),
            promptIds,
            promptMask.to(ScalarType.Float32),
            torch.tensor(ids, shape, device: model.Device),
            torch.tensor(mask, shape, device: model.Device),
            torch.tensor(logProbs, shape, device: model.Device),
            states.Select(state => state.Truncated).ToArray(),
            states.Select(state => state.Text).ToArray(),
            skip,
            stats);
    }
}
