namespace Reft.Bench.Tests;

public sealed class SummaryTableTests
{
    [Fact]
    public void Rows_align_under_their_headers_and_say_whether_each_target_was_met()
    {
        var output = new StringWriter();
        SummaryTable.Print(
        [
            Headline.AtLeast("torch", "matmul 256", "150 vs 149", 1.0067, 0.9),
            Headline.AtMost("torch", "tiny op", "1.2 vs 1.0", 1.2, 1.0),
            new Headline("dash", "rows kept", "12% kept", double.NaN),
        ], output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "benchmark  measurement  value       ratio  target   met",
            "---------  -----------  ----------  -----  -------  ---",
            "torch      matmul 256   150 vs 149   1.01  >= 0.90  yes",
            "torch      tiny op      1.2 vs 1.0   1.20  <= 1.00  no",
            "dash       rows kept    12% kept        -",
        ], lines);
    }
}
