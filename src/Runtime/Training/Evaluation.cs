namespace Reft.Runtime.Training;

/// <summary>
/// <c>eval: every(N steps, on: dataset, limit: K, metric: mean(term))</c>: the metric is the mean,
/// over the first K examples of the dataset, of a reward term scored on greedy completions. The
/// caller supplies the scoring of one batch (greedy rollout + the term, compiled from the spec).
/// </summary>
public sealed record Evaluation(Schedule Schedule, string Dataset, int? Limit, string Metric, int BatchSize)
{
    public double Run<TExample>(IReadOnlyList<TExample> examples, Func<IReadOnlyList<TExample>, IReadOnlyList<double>> scoreGreedyBatch)
    {
        var count = Limit is { } limit ? Math.Min(limit, examples.Count) : examples.Count;
        if (count == 0)
            throw new Guards.TrainingStoppedException($"eval on {Dataset}: error: the dataset has no examples to evaluate; point `on:` at a dataset with examples");
        var sum = 0.0;
        for (var start = 0; start < count; start += BatchSize)
        {
            var batch = Enumerable.Range(start, Math.Min(BatchSize, count - start)).Select(index => examples[index]).ToList();
            var scores = scoreGreedyBatch(batch);
            if (scores.Count != batch.Count)
                throw new InvalidOperationException($"eval scorer returned {scores.Count} scores for {batch.Count} examples");
            sum += scores.Sum();
        }
        return sum / count;
    }
}
