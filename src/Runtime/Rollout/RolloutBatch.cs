using Reft.Runtime.Models;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Rollout;

/// <summary>
/// Completions drawn by the behaviour policy: G consecutive rows per prompt (row r belongs to
/// prompt <c>PromptIndices[r]</c>). Tensors live on the model's device and are owned by the
/// batch: prompt ids [B, P] left-padded with mask; completion ids [B, C] right-padded with mask
/// (float32, 1 for sampled tokens, including a final end-of-sequence token); log μ [B, C] of each
/// sampled token under the distribution it was drawn from (0 at padding). <c>Truncated[r]</c>
/// says the completion hit the token limit without ending. Completion texts exclude a final
/// end-of-sequence token and are cut before a stop string.
/// </summary>
public sealed class RolloutBatch : IDisposable
{
    public RolloutBatch(
        IReadOnlyList<int> promptIndices,
        int groupSize,
        IReadOnlyList<IReadOnlyList<int>> promptTokenIds,
        Tensor promptIds,
        Tensor promptMask,
        Tensor completionIds,
        Tensor completionMask,
        Tensor behaviourLogProbs,
        IReadOnlyList<bool> truncated,
        IReadOnlyList<string> completionTexts,
        SkipSet skip,
        RolloutStats stats)
    {
        PromptIndices = promptIndices;
        GroupSize = groupSize;
        PromptTokenIds = promptTokenIds;
        PromptIds = promptIds.DetachFromDisposeScope();
        PromptMask = promptMask.DetachFromDisposeScope();
        CompletionIds = completionIds.DetachFromDisposeScope();
        CompletionMask = completionMask.DetachFromDisposeScope();
        BehaviourLogProbs = behaviourLogProbs.DetachFromDisposeScope();
        Truncated = truncated;
        CompletionTexts = completionTexts;
        Skip = skip;
        Stats = stats;
    }

    public IReadOnlyList<int> PromptIndices { get; }

    public int GroupSize { get; }

    public IReadOnlyList<IReadOnlyList<int>> PromptTokenIds { get; }

    public Tensor PromptIds { get; }

    public Tensor PromptMask { get; }

    public Tensor CompletionIds { get; }

    public Tensor CompletionMask { get; }

    public Tensor BehaviourLogProbs { get; }

    public IReadOnlyList<bool> Truncated { get; }

    public IReadOnlyList<string> CompletionTexts { get; }

    public SkipSet Skip { get; }

    public RolloutStats Stats { get; }

    public int Rows => PromptIndices.Count;

    /// <summary>Number of sampled tokens of each row.</summary>
    public IReadOnlyList<int> CompletionLengths
    {
        get
        {
            using var lengths = CompletionMask.sum(1);
            return lengths.data<float>().Select(length => (int)length).ToArray();
        }
    }

    /// <summary>The learner's view: prompt and completion side by side, for <see cref="Transformer.SequenceLogProbs"/>.</summary>
    public LearnerInput ToLearnerInput() => LearnerInput.Concatenate(PromptIds, PromptMask, CompletionIds, CompletionMask);

    /// <summary>A batch of the given rows, in that order (e.g. a micro-batch, or the rows a filter kept).</summary>
    public RolloutBatch Select(IReadOnlyList<int> rows)
    {
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(rows.Select(row => (long)row).ToArray(), device: PromptIds.device);
        T[] Pick<T>(IReadOnlyList<T> values) => rows.Select(row => values[row]).ToArray();
        return new RolloutBatch(
            Pick(PromptIndices), GroupSize, Pick(PromptTokenIds),
            PromptIds.index_select(0, index), PromptMask.index_select(0, index),
            CompletionIds.index_select(0, index), CompletionMask.index_select(0, index),
            BehaviourLogProbs.index_select(0, index),
            Pick(Truncated), Pick(CompletionTexts), Skip, Stats);
    }

    public void Dispose()
    {
        PromptIds.Dispose();
        PromptMask.Dispose();
        CompletionIds.Dispose();
        CompletionMask.Dispose();
        BehaviourLogProbs.Dispose();
    }
}
