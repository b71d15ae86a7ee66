using Reft.Runtime.Data;
using Reft.Runtime.Models;
using Reft.Runtime.Rollout;
using Reft.Runtime.Text;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// <c>behavior: dataset(logged, fraction: f)</c>: completions written earlier (by another model, a
/// person, an old run) for the same prompts. In every group whose prompt the logged data set has,
/// round(f · G) of the sampled completions are replaced by logged ones; groups of prompts it lacks
/// stay fully sampled. Prompts match by their rendered text, so a logged set of the training
/// questions mixes into every group.
/// </summary>
public sealed class LoggedCompletions
{
    /// <summary>The field of a logged row that holds its completion.</summary>
    public const string CompletionField = "completion";

    private readonly Dictionary<string, List<string>> byPrompt = new(StringComparer.Ordinal);
    private readonly ITokenizer tokenizer;

    public LoggedCompletions(IDataset logged, Func<Example, ITokenizer, string> prompt, ITokenizer tokenizer)
    {
        this.tokenizer = tokenizer;
        for (var row = 0; row < logged.Count; row++)
        {
            var example = logged[row];
            var text = prompt(example, tokenizer);
            if (!byPrompt.TryGetValue(text, out var completions)) byPrompt[text] = completions = [];
            completions.Add(example[CompletionField]);
        }
    }

    /// <summary>Logged completions per group: round(f · G), leaving at least one sampled completion.</summary>
    public static int Share(int group, double fraction) => Math.Clamp((int)Math.Round(fraction * group, MidpointRounding.AwayFromZero), 0, group - 1);

    /// <summary>
    /// The sampled batch with logged completions in the first rows of each logged prompt's group.
    /// Their behaviour log-probabilities are those of the policy that is learning (no record of the
    /// logging policy exists), so corrections treat them as on-policy. Disposes <paramref name="sampled"/>.
    /// </summary>
    public RolloutBatch Mix(RolloutBatch sampled, IReadOnlyList<string> promptTexts, int share, Transformer policy, double temperature)
    {
        var replacements = new Dictionary<int, string>();
        for (var start = 0; start < sampled.Rows; start += sampled.GroupSize)
        {
            if (!byPrompt.TryGetValue(promptTexts[sampled.PromptIndices[start]], out var logged)) continue;
            for (var j = 0; j < share; j++) replacements[start + j] = logged[j % logged.Count];
        }
        if (replacements.Count == 0) return sampled;
        using (sampled)
        {
            return Replace(sampled, replacements, policy, temperature);
        }
    }

    private RolloutBatch Replace(RolloutBatch sampled, IReadOnlyDictionary<int, string> replacements, Transformer policy, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        var padId = tokenizer.PadId ?? 0;
        var sampledWidth = (int)sampled.CompletionIds.size(1);
        var sampledIds = sampled.CompletionIds.data<long>();
        var sampledMask = sampled.CompletionMask.data<float>();
        var rows = Enumerable.Range(0, sampled.Rows).Select(row => replacements.TryGetValue(row, out var text)
            ? Logged(text)
            : Enumerable.Range(0, sampledWidth).Where(t => sampledMask[row * sampledWidth + t] > 0).Select(t => sampledIds[row * sampledWidth + t]).ToArray()).ToList();
        var width = Math.Max(1, rows.Max(ids => ids.Length));
        var ids = new long[rows.Count * width];
        var mask = new float[ids.Length];
        Array.Fill(ids, padId);
        for (var row = 0; row < rows.Count; row++)
        {
            for (var t = 0; t < rows[row].Length; t++)
            {
                ids[row * width + t] = rows[row][t];
                mask[row * width + t] = 1;
            }
        }
        long[] shape = [rows.Count, width];
        var completionIds = torch.tensor(ids, shape, device: policy.Device);
        var completionMask = torch.tensor(mask, shape, device: policy.Device);
        Tensor recomputed;
        using (torch.no_grad())
        {
            recomputed = policy.SequenceLogProbs(LearnerInput.Concatenate(sampled.PromptIds, sampled.PromptMask, completionIds, completionMask), temperature: temperature);
        }
        var replaced = torch.tensor(Enumerable.Range(0, rows.Count).Select(row => replacements.ContainsKey(row)).ToArray(), [rows.Count, 1], device: policy.Device);
        var behaviour = torch.where(replaced, recomputed, Right(sampled.BehaviourLogProbs, width));
        return new RolloutBatch(
            sampled.PromptIndices, sampled.GroupSize, sampled.PromptTokenIds, sampled.PromptIds.clone(), sampled.PromptMask.clone(),
            completionIds, completionMask, behaviour * completionMask,
            Enumerable.Range(0, rows.Count).Select(row => !replacements.ContainsKey(row) && sampled.Truncated[row]).ToArray(),
            Enumerable.Range(0, rows.Count).Select(row => replacements.TryGetValue(row, out var text) ? text : sampled.CompletionTexts[row]).ToArray(),
            sampled.Skip, sampled.Stats);
    }

    /// <summary>A logged completion's ids, ended like a sampled one.</summary>
    private long[] Logged(string text)
    {
        var ids = tokenizer.Encode(text).Select(id => (long)id).ToList();
        if (tokenizer.EosId is { } eos) ids.Add(eos);
        return [.. ids];
    }

    private static Tensor Right(Tensor tensor, long width) =>
        tensor.size(1) >= width ? tensor.narrow(1, 0, width) : torch.cat([tensor, torch.zeros([tensor.size(0), width - tensor.size(1)], tensor.dtype, tensor.device)], 1);
}
