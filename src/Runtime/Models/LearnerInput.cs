using Reft.Runtime.Torch;

namespace Reft.Runtime.Models;

/// <summary>
/// Prompts and completions laid out for one forward pass of the learner: left-padded prompts
/// [B, P] followed by right-padded completions [B, C]. The logits at position P - 1 + t predict
/// completion token t. Masks are 1 for real tokens and 0 for padding (float32).
/// </summary>
public sealed record LearnerInput(Tensor InputIds, Tensor AttentionMask, Tensor CompletionIds, Tensor CompletionMask)
{
    public long PromptLength => InputIds.size(1) - CompletionIds.size(1);

    public long CompletionLength => CompletionIds.size(1);

    /// <summary>Concatenates left-padded prompts and right-padded completions (all on one device).</summary>
    public static LearnerInput Concatenate(Tensor promptIds, Tensor promptMask, Tensor completionIds, Tensor completionMask)
    {
        if (promptIds.size(0) != completionIds.size(0))
        {
            throw new ArgumentException($"{promptIds.size(0)} prompt rows but {completionIds.size(0)} completion rows");
        }

        if (promptIds.size(1) < 1 || completionIds.size(1) < 1)
        {
            throw new ArgumentException("a learner input needs at least one prompt token and one completion position");
        }

        var ids = torch.cat([promptIds, completionIds], 1);
        var mask = torch.cat([promptMask.to(ScalarType.Float32), completionMask.to(ScalarType.Float32)], 1);
        return new LearnerInput(ids, mask, completionIds, completionMask.to(ScalarType.Float32));
    }
}
