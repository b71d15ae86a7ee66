namespace Reft.Language.Tests.Diagnostics;

public class SourceTextTests
{
    [Theory]
    [InlineData(new byte[] { 0x70, 0xFF, 0xFE, 0x41 }, "it is not UTF-8 text")]
    [InlineData(new byte[] { 0x70, 0x00, 0x41 }, "it holds NUL characters")]
    public void LoadingABinaryFileIsAnIoErrorThatSaysSo(byte[] content, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), "reft-source-" + Guid.NewGuid().ToString("N") + ".reft");
        File.WriteAllBytes(path, content);
        try
        {
            var exception = Assert.Throws<IOException>(() => SourceText.Load(path));
            Assert.StartsWith(problem, exception.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadingAUtf8FileKeepsItsTextAndDropsTheByteOrderMark()
    {
        var path = Path.Combine(Path.GetTempPath(), "reft-source-" + Guid.NewGuid().ToString("N") + ".reft");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "pipeline é {}\n"u8]);
        try
        {
            Assert.Equal("pipeline é {}\n", SourceText.Load(path).Text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MapsOffsetsToLinesAndColumns()
    {
        var source = SourceText.From("ab\ncd\r\n\nef", "f.reft");

        Assert.Equal(new Location("f.reft", 1, 1), source.GetLocation(0));
        Assert.Equal(new Location("f.reft", 1, 3), source.GetLocation(2));
        Assert.Equal(new Location("f.reft", 2, 2), source.GetLocation(4));
        Assert.Equal(new Location("f.reft", 3, 1), source.GetLocation(7));
        Assert.Equal(new Location("f.reft", 4, 3), source.GetLocation(10));
        Assert.Equal("cd", source.GetLineText(2));
        Assert.Equal("", source.GetLineText(3));
        Assert.Equal(4, source.LineCount);
    }

    [Fact]
    public void TextSpanBounds()
    {
        var span = TextSpan.FromBounds(3, 7);

        Assert.Equal((3, 4, 7), (span.Start, span.Length, span.End));
        Assert.Equal(new TextSpan(1, 8), span.Cover(new TextSpan(1, 2)).Cover(new TextSpan(8, 1)));
        Assert.True(span.Contains(new TextSpan(4, 3)));
        Assert.False(span.Contains(new TextSpan(6, 2)));
    }

    [Theory]
    [InlineData("prompt", "prompts", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void EditDistanceIsLevenshtein(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Between(a, b));
}
