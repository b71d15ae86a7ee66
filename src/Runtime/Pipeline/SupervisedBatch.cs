using Reft.Runtime.Models;
using Reft.Runtime.Text;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// Prompt → answer pairs laid out like rollouts (left-padded prompt, right-padded answer followed by
/// end of sequence), so the warm-up teaches exactly the token layout that RL sampling continues.
/// </summary>
public static class SupervisedBatch
{
    /// <param name="maxTokens">The model's context: prompts lose tokens on the left and answers on the right to fit.</param>
    public static LearnerInput Create(ITokenizer tokenizer, IReadOnlyList<string> prompts, IReadOnlyList<string> answers, int maxTokens, Device device)
    {
        if (prompts.Count != answers.Count || prompts.Count == 0)
            throw new ArgumentException($"a supervised batch needs as many answers as prompts (and at least one): {prompts.Count} prompts, {answers.Count} answers");
        var padId = tokenizer.PadId ?? 0;
        var endOfSequence = tokenizer.EosId;
        var rows = prompts.Select((prompt, row) =>
        {
            var answer = tokenizer.Encode(answers[row]).ToList();
            if (endOfSequence is { } eos) answer.Add(eos);
            if (answer.Count > maxTokens - 1) answer = answer.Take(maxTokens - 1).ToList();
            var promptIds = tokenizer.Encode(prompt);
            if (promptIds.Length == 0 && tokenizer.BosId is { } bos) promptIds = [bos];
            var room = maxTokens - answer.Count;
            return (Prompt: promptIds.Length > room ? promptIds[^room..] : promptIds, Answer: answer.ToArray());
        }).ToList();
        var promptLength = Math.Max(1, rows.Max(row => row.Prompt.Length));
        var answerLength = Math.Max(1, rows.Max(row => row.Answer.Length));
        var promptIds = new long[rows.Count * promptLength];
        var promptMask = new float[rows.Count * promptLength];
        var answerIds = new long[rows.Count * answerLength];
        var answerMask = new float[rows.Count * answerLength];
        for (var row = 0; row < rows.Count; row++)
        {
            var (prompt, answer) = rows[row];
            var offset = promptLength - prompt.Length;
            for (var i = 0; i < promptLength; i++)
            {
                var real = i >= offset;
                promptIds[row * promptLength + i] = real ? prompt[i - offset] : padId;
                promptMask[row * promptLength + i] = real ? 1 : 0;
            }
            for (var i = 0; i < answerLength; i++)
            {
                var real = i < answer.Length;
                answerIds[row * answerLength + i] = real ? answer[i] : padId;
                answerMask[row * answerLength + i] = real ? 1 : 0;
            }
        }
        return LearnerInput.Concatenate(
            torch.tensor(promptIds, [rows.Count, promptLength], device: device),
            torch.tensor(promptMask, [rows.Count, promptLength], device: device),
            torch.tensor(answerIds, [rows.Count, answerLength], device: device),
            torch.tensor(answerMask, [rows.Count, answerLength], device: device));
    }

    /// <summary>Rows [start, start + count) of a batch (a micro-batch for gradient accumulation).</summary>
    public static LearnerInput Rows(LearnerInput input, int start, int count) => new(
        input.InputIds.narrow(0, start, count),
        input.AttentionMask.narrow(0, start, count),
        input.CompletionIds.narrow(0, start, count),
        input.CompletionMask.narrow(0, start, count));
}
