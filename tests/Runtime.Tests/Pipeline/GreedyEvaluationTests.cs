using System.Globalization;
using Reft.Runtime.Data;
using Reft.Runtime.Models;
using Reft.Runtime.Pipeline;
using Reft.Runtime.Rewards;
using Reft.Runtime.Text;
using Reft.Runtime.Training.Guards;

namespace Reft.Runtime.Tests.Pipeline;

/// <summary>The eval metric is the mean over exactly the first K rows (or all rows), each scored
/// once across generation batches; an empty eval set is a clear error.</summary>
public sealed class GreedyEvaluationTests
{
    /// <summary>Rows whose "id" field is their index, so a score of the id makes the mean hand-computable.</summary>
    private sealed class NumberedRows(int count) : IDataset
    {
        public int Count => count;

        public Example this[int index] => Example.Of(("id", index.ToString(CultureInfo.InvariantCulture)));

        public IReadOnlyList<string> FieldNames => ["id"];
    }

    private static (IReadOnlyDictionary<string, double> Means, List<int> Scored) Evaluate(int rows, int? limit)
    {
        using var policy = Transformer.Tiny(layers: 1, dim: 16, heads: 2, kvHeads: 1, context: 16, vocab: CharTokenizer.Default.VocabSize, seed: 1);
        var scored = new List<int>();
        var means = GreedyEvaluation.Run(policy, CharTokenizer.Default, new NumberedRows(rows), limit, maxTokens: 2,
            prompt: (row, _) => row["id"] + "=",
            score: (_, row, _) =>
            {
                var id = int.Parse(row["id"], CultureInfo.InvariantCulture);
                scored.Add(id);
                return new RewardTerms().Add("id", 2.0, id);
            });
        return (means, scored);
    }

    [Fact]
    public void The_limit_takes_the_first_rows()
    {
        var (means, scored) = Evaluate(rows: 100, limit: 5);

        Assert.Equal([0, 1, 2, 3, 4], scored);
        Assert.Equal(2.0, means["id"], 12);
        Assert.Equal(4.0, means["total"], 12);
    }

    [Fact]
    public void Every_row_is_scored_once_across_generation_batches()
    {
        var rows = GreedyEvaluation.BatchPrompts + 6;

        var (means, scored) = Evaluate(rows, limit: null);

        Assert.Equal(Enumerable.Range(0, rows), scored);
        Assert.Equal((rows - 1) / 2.0, means["id"], 12);
    }

    [Fact]
    public void An_empty_eval_set_is_a_clear_error()
    {
        var error = Assert.Throws<TrainingStoppedException>(() => Evaluate(rows: 0, limit: 10));

        Assert.Contains("eval: error: the evaluation data set has no rows", error.Message);
    }
}
