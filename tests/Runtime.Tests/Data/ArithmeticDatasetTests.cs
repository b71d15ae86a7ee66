using Reft.Runtime.Data;

namespace Reft.Runtime.Tests.Data;

public sealed class ArithmeticDatasetTests
{
    static (long Left, char Op, long Right) ParseQuestion(string question)
    {
        var opIndex = question.IndexOfAny(['+', '-', '*'], 1);
        return (long.Parse(question[..opIndex]), question[opIndex], long.Parse(question[(opIndex + 1)..]));
    }

    [Fact]
    public void Answers_are_the_arithmetic_of_the_questions_and_digits_stay_in_range()
    {
        var data = new ArithmeticDataset(1, 3, "+-*", 2000, seed: 7);
        Assert.Equal(["question", "answer"], data.FieldNames);
        var digitCounts = new HashSet<int>();
        var ops = new HashSet<char>();
        var negative = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var (left, op, right) = ParseQuestion(data[i]["question"]);
            var expected = op switch { '+' => left + right, '-' => left - right, _ => left * right };
            Assert.Equal(expected.ToString(), data[i]["answer"]);
            Assert.InRange(left, 0, 999);
            Assert.InRange(right, 0, 999);
            digitCounts.Add(left.ToString().Length);
            ops.Add(op);
            if (expected < 0) negative++;
        }
        Assert.Equal([1, 2, 3], digitCounts.Order());
        Assert.Equal(['*', '+', '-'], ops.Order());
        Assert.True(negative > 0, "'-' should produce some negative answers");
    }

    [Fact]
    public void Exactly_two_digits_means_10_to_99()
    {
        var data = new ArithmeticDataset(2, 2, "+", 500, seed: 1);
        for (var i = 0; i < data.Count; i++)
        {
            var (left, _, right) = ParseQuestion(data[i]["question"]);
            Assert.InRange(left, 10, 99);
            Assert.InRange(right, 10, 99);
        }
    }

    [Fact]
    public void Same_seed_same_examples_other_seed_other_examples()
    {
        var a = new ArithmeticDataset(1, 3, "+-", 100, seed: 5);
        var b = new ArithmeticDataset(1, 3, "+-", 100, seed: 5);
        var c = new ArithmeticDataset(1, 3, "+-", 100, seed: 6);
        var questionsA = Enumerable.Range(0, 100).Select(i => a[i]["question"]).ToList();
        Assert.Equal(questionsA, Enumerable.Range(0, 100).Select(i => b[i]["question"]));
        Assert.NotEqual(questionsA, Enumerable.Range(0, 100).Select(i => c[i]["question"]));
    }

    [Fact]
    public void Pinned_examples_do_not_drift()
    {
        // Hand-checked once; a change here means every spec's data changed.
        var data = new ArithmeticDataset(1, 2, "+-", 3, seed: 42);
        var rows = Enumerable.Range(0, 3).Select(i => $"{data[i]["question"]}={data[i]["answer"]}").ToList();
        foreach (var row in rows)
        {
            var (left, op, right) = ParseQuestion(row[..row.IndexOf('=')]);
            Assert.Equal((op == '+' ? left + right : left - right).ToString(), row[(row.IndexOf('=') + 1)..]);
        }
        Assert.Equal(PinnedRows, rows);
    }

    static readonly string[] PinnedRows = ["7+1=8", "17+7=24", "26-6=20"];

    [Theory]
    [InlineData(0, 2, "+")]
    [InlineData(3, 2, "+")]
    [InlineData(1, 10, "+")]
    [InlineData(1, 2, "/")]
    [InlineData(1, 2, "")]
    public void Bad_settings_are_rejected(int min, int max, string ops) =>
        Assert.Throws<ArgumentException>(() => new ArithmeticDataset(min, max, ops, 10, 1));

    [Fact]
    public void Index_outside_the_dataset_throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArithmeticDataset(1, 1, "+", 3, 1)[3]);
}
