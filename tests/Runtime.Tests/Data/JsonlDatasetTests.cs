using Reft.Runtime.Data;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Data;

public sealed class JsonlDatasetTests
{
    static readonly FieldMapping[] Gsm8kMapping = [new("prompt", "question"), new("answer", ["answer"], values => Reft.Runtime.Rewards.Verifiers.After(values[0], "####"), "answer.after(\"####\")")];

    [Fact]
    public void Good_rows_are_mapped_and_transformed()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("train.jsonl",
            "{\"question\": \"2+2?\", \"answer\": \"2+2=4\\n#### 4\"}\n"
            + "\n"
            + "{\"question\": \"Half of 10?\", \"answer\": \"#### 5\", \"extra\": [1]}\n"
            + "{\"question\": \"Pi?\", \"answer\": \"#### 3.14\"}\n");
        var data = JsonlDataset.Load(path, Gsm8kMapping);
        Assert.Equal(3, data.Count);
        Assert.Equal(["prompt", "answer"], data.FieldNames);
        Assert.Equal("2+2?", data[0]["prompt"]);
        Assert.Equal("4", data[0]["answer"]);
        Assert.Equal("5", data[1]["answer"]);
        Assert.Equal("3.14", data[2]["answer"]);
    }

    [Fact]
    public void Numbers_are_taken_as_their_text_and_an_empty_mapping_takes_every_field()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("d.jsonl", "{\"q\": \"a\", \"n\": 12}\n{\"q\": \"b\", \"n\": -3.5}\n");
        var data = JsonlDataset.Load(path, []);
        Assert.Equal(["q", "n"], data.FieldNames);
        Assert.Equal("-3.5", data[1]["n"]);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_line()
    {
        using var folder = new TemporaryFolder();
        var lines = new[]
        {
            """{"question": "ok", "answer": "#### 1"}""",
            """{"question": "no answer"}""",
            """{"question": "ok", "answer": "#### 2"}""",
            """not json""",
            """{"question": ["list"], "answer": "#### 3"}""",
            """{"question": "no marker", "answer": "42"}""",
            """[1, 2]""",
        };
        var path = folder.Write("bad.jsonl", string.Join("\n", lines));
        var error = Assert.Throws<DataLoadException>(() => JsonlDataset.Load(path, Gsm8kMapping));
        Assert.Equal(5, error.Errors.Count);
        Assert.StartsWith($"{path}:2: error: missing field 'answer'", error.Errors[0]);
        Assert.StartsWith($"{path}:4: error: invalid JSON", error.Errors[1]);
        Assert.StartsWith($"{path}:5: error: field 'question' is a JSON array", error.Errors[2]);
        Assert.StartsWith($"{path}:6: error: answer.after(\"####\") found nothing", error.Errors[3]);
        Assert.StartsWith($"{path}:7: error: the row is a JSON array", error.Errors[4]);
    }

    [Fact]
    public void Many_bad_rows_show_the_first_few_and_the_count()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("bad.jsonl", string.Join("\n", Enumerable.Repeat("{", 12)));
        var error = Assert.Throws<DataLoadException>(() => JsonlDataset.Load(path, Gsm8kMapping));
        Assert.Equal(12, error.Errors.Count);
        Assert.Contains($"{path}:5: error:", error.Message);
        Assert.DoesNotContain($"{path}:6: error:", error.Message);
        Assert.Contains("12 bad rows in total", error.Message);
    }

    [Fact]
    public void Missing_and_empty_files_are_errors()
    {
        Assert.Contains("cannot read the dataset", Assert.Throws<DataLoadException>(() => JsonlDataset.Load("/nonexistent/x.jsonl", Gsm8kMapping)).Message);
        using var folder = new TemporaryFolder();
        var empty = folder.Write("empty.jsonl", "\n\n");
        Assert.Contains("no rows", Assert.Throws<DataLoadException>(() => JsonlDataset.Load(empty, Gsm8kMapping)).Message);
    }
}
