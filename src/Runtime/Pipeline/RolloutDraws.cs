using Reft.Runtime.Data;
using Reft.Runtime.Rewards;
using Reft.Runtime.Rollout;
using Reft.Runtime.Text;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// The rollouts of one step and their rewards, gathered over sampling chunks (and, under DAPO
/// dynamic sampling, rounds) into one batch: the optimizer batch the rest of the step works on.
/// </summary>
public sealed class RolloutDraws : IDisposable
{
    private readonly List<RolloutBatch> parts = [];
    private readonly List<List<int>> keptRows = [];
    private readonly List<RewardTerms> rewards = [];
    private readonly List<int> lengths = [];
    private int roundStart;
    private int roundPartStart;

    public IReadOnlyList<RewardTerms> Rewards => rewards;

    /// <summary>Σ weight · term of every kept row (plus shaping), in batch order.</summary>
    public IReadOnlyList<double> Totals => totals;

    private readonly List<double> totals = [];

    /// <summary>Completion lengths in tokens, in batch order.</summary>
    public IReadOnlyList<int> Lengths => lengths;

    public long GeneratedTokens => parts.Sum(part => part.Stats.GeneratedTokens);

    public double SamplingSeconds => parts.Sum(part => part.Stats.Seconds);

    /// <summary>Scores a sampled chunk; <paramref name="rowExamples"/> holds each row's data row.</summary>
    public void Add(
        RolloutBatch drawn,
        IReadOnlyList<Example> rowExamples,
        ITokenizer tokenizer,
        Func<string, Example, ITokenizer, RewardTerms> score,
        Algorithms.OverlongShaping? overlong = null)
    {
        var drawnLengths = drawn.CompletionLengths;
        parts.Add(drawn);
        keptRows.Add([.. Enumerable.Range(0, drawn.Rows)]);
        for (var row = 0; row < drawn.Rows; row++)
        {
            var terms = score(drawn.CompletionTexts[row], rowExamples[row], tokenizer);
            rewards.Add(terms);
            totals.Add(terms.Total + (overlong?.Penalty(drawnLengths[row]) ?? 0));
            lengths.Add(drawnLengths[row]);
        }
    }

    /// <summary>Totals of the rows added since the last <see cref="KeepGroups"/> (this dynamic-sampling round).</summary>
    public IReadOnlyList<double> LastRoundTotals => totals.Skip(roundStart).ToList();

    /// <summary>DAPO dynamic sampling: of this round's groups keep those listed (group indices within the round).</summary>
    public void KeepGroups(IReadOnlyList<int> groups, int promptsInRound)
    {
        var roundRows = totals.Count - roundStart;
        var group = promptsInRound == 0 ? 1 : roundRows / promptsInRound;
        var keep = new HashSet<int>(groups.SelectMany(g => Enumerable.Range(g * group, group)));
        var offset = 0;
        for (var part = roundPartStart; part < parts.Count; part++)
        {
            var rows = parts[part].Rows;
            keptRows[part] = [.. Enumerable.Range(0, rows).Where(row => keep.Contains(offset + row))];
            offset += rows;
        }
        var dropped = Enumerable.Range(roundStart, roundRows).Where(row => !keep.Contains(row - roundStart)).Reverse().ToList();
        foreach (var row in dropped)
        {
            rewards.RemoveAt(row);
            totals.RemoveAt(row);
            lengths.RemoveAt(row);
        }
        roundStart = totals.Count;
        roundPartStart = parts.Count;
    }

    /// <summary>The kept rows of every chunk as one batch, padded to common widths; the caller disposes it.</summary>
    public RolloutBatch Batch()
    {
        var selected = parts.Select((part, index) => keptRows[index].Count == part.Rows ? part : part.Select(keptRows[index])).Where(part => part.Rows > 0).ToList();
        if (selected.Count == 0)
            return parts[0].Select([]);
        if (selected.Count == 1)
            return ReferenceEquals(selected[0], parts[0]) ? parts[0].Select([.. Enumerable.Range(0, parts[0].Rows)]) : selected[0];
        try
        {
            return Concatenate(selected);
        }
        finally
        {
            foreach (var part in selected.Where(part => !parts.Contains(part))) part.Dispose();
        }
    }

    /// <summary>Rewards [B] as float32 on <paramref name="device"/>, in batch order.</summary>
    public Tensor RewardTensor(Device device) => torch.tensor(totals.Select(total => (float)total).ToArray(), device: device);

    private static RolloutBatch Concatenate(IReadOnlyList<RolloutBatch> batches)
    {
        using var scope = torch.NewDisposeScope();
        var promptWidth = batches.Max(batch => batch.PromptIds.size(1));
        var completionWidth = batches.Max(batch => batch.CompletionIds.size(1));
        Tensor Left(Tensor tensor, long width) => tensor.size(1) == width ? tensor : torch.cat([torch.zeros([tensor.size(0), width - tensor.size(1)], tensor.dtype, tensor.device), tensor], 1);
        Tensor Right(Tensor tensor, long width) => tensor.size(1) == width ? tensor : torch.cat([tensor, torch.zeros([tensor.size(0), width - tensor.size(1)], tensor.dtype, tensor.device)], 1);
        var promptIndexOffset = 0;
        var promptIndices = new List<int>();
        foreach (var batch in batches)
        {
            promptIndices.AddRange(batch.PromptIndices.Select(index => index + promptIndexOffset));
            promptIndexOffset += batch.PromptIndices.DefaultIfEmpty(-1).Max() + 1;
        }
        var stats = new RolloutStats(batches.Sum(b => b.Stats.GeneratedTokens), batches.Sum(b => b.Stats.DecodeSteps), batches.Sum(b => b.Stats.Seconds), batches.Sum(b => b.Stats.Compactions));
        return new RolloutBatch(
            promptIndices,
            batches[0].GroupSize,
            batches.SelectMany(b => b.PromptTokenIds).ToList(),
            torch.cat(batches.Select(b => Left(b.PromptIds, promptWidth)).ToList(), 0),
            torch.cat(batches.Select(b => Left(b.PromptMask, promptWidth)).ToList(), 0),
            torch.cat(batches.Select(b => Right(b.CompletionIds, completionWidth)).ToList(), 0),
            torch.cat(batches.Select(b => Right(b.CompletionMask, completionWidth)).ToList(), 0),
            torch.cat(batches.Select(b => Right(b.BehaviourLogProbs, completionWidth)).ToList(), 0),
            batches.SelectMany(b => b.Truncated).ToList(),
            batches.SelectMany(b => b.CompletionTexts).ToList(),
            batches[0].Skip,
            stats);
    }

    public void Dispose()
    {
        foreach (var part in parts) part.Dispose();
    }
}
