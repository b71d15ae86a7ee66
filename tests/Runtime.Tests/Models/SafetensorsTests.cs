using Reft.Runtime.Models;

namespace Reft.Runtime.Tests.Models;

public sealed class SafetensorsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Writer_output_reads_back_with_the_same_entries_bytes_and_metadata()
    {
        var path = Path.Combine(folder.Path, "model.safetensors");
        var first = Enumerable.Range(0, 24).Select(i => (byte)i).ToArray();
        var second = new byte[] { 9, 8, 7, 6 };
        SafetensorsWriter.Write(path,
            [
                new SafetensorsTensor("a.weight", SafetensorsDType.F32, [2, 3], () => first),
                new SafetensorsTensor("b.bias", SafetensorsDType.BF16, [2], () => second),
            ],
            new Dictionary<string, string> { ["format"] = "pt" });

        var bytes = File.ReadAllBytes(path);
        var headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, (8 + headerLength) % 8);
        Assert.Equal(8 + headerLength + 28, bytes.Length);

        using var file = SafetensorsFile.Open(path);
        Assert.Equal("pt", file.Header.Metadata["format"]);
        var a = file.Entry("a.weight");
        Assert.Equal((SafetensorsDType.F32, 0L, 24L), (a.DType, a.Begin, a.End));
        Assert.Equal([2L, 3L], a.Shape);
        Assert.Equal(first, file.ReadBytes(a));
        var b = file.Entry("b.bias");
        Assert.Equal((SafetensorsDType.BF16, 24L, 28L), (b.DType, b.Begin, b.End));
        Assert.Equal(second, file.ReadBytes(b));
    }

    [Fact]
    public void A_valid_hand_written_file_parses_with_entries_in_data_order()
    {
        const string header = """{"z":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[],"data_offsets":[4,8]},"__metadata__":{"k":"v"}}""";
        var path = SafetensorsTestFiles.Write(folder, "ok.safetensors", SafetensorsTestFiles.Build(header, 8));

        using var file = SafetensorsFile.Open(path);

        Assert.Equal(["z", "a"], file.Header.Entries.Select(entry => entry.Name));
        Assert.Equal(new byte[] { 29, 36, 43, 50 }, file.ReadBytes(file.Entry("a")));
    }

    [Theory]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}""", "not valid JSON")]
    [InlineData("""[1,2]""", "not an object of tensors")]
    [InlineData("""{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "tensor 'w' (F32 [3]) needs 12 bytes but its data_offsets span 8")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", "tensor 'w' ends (byte 0) before it begins (byte 8)")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0]}}""", "tensor 'w' has 1 data_offsets")]
    [InlineData("""{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "tensor 'w' has 'shape' entry -2")]
    [InlineData("""{"w":{"shape":[2],"data_offsets":[0,8]}}""", "tensor 'w' has no 'dtype'")]
    [InlineData("""{"w":{"dtype":"F32","shape":"2","data_offsets":[0,8]}}""", "tensor 'w' has a 'shape' that is a JSON string, expected array")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"w":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", "tensor 'w' is listed twice")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", "tensors 'a' (bytes 0..8) and 'b' (bytes 4..12) overlap")]
    [InlineData("""{"__metadata__":{"k":3}}""", "'__metadata__' value 'k' must be a string")]
    public void Corrupt_headers_are_rejected_naming_the_file_and_the_problem(string header, string expected)
    {
        var path = SafetensorsTestFiles.Write(folder, "bad.safetensors", SafetensorsTestFiles.Build(header, 16));

        var error = Assert.Throws<ModelFileException>(() => SafetensorsFile.Open(path));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains("corrupt safetensors header", error.Message);
    }

    [Fact]
    public void An_unsupported_dtype_names_the_tensor_and_the_supported_ones()
    {
        const string header = """{"ids":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}""";
        var path = SafetensorsTestFiles.Write(folder, "i64.safetensors", SafetensorsTestFiles.Build(header, 8));

        var error = Assert.Throws<ModelFileException>(() => SafetensorsFile.Open(path));

        Assert.Equal($"{path}: tensor 'ids' has dtype 'I64', which cannot be loaded; convert the checkpoint to one of F32, BF16, F16", error.Message);
    }

    [Fact]
    public void Data_cut_short_is_reported_as_truncation_of_the_tensor_that_no_longer_fits()
    {
        const string header = """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}""";
        var path = SafetensorsTestFiles.Write(folder, "cut.safetensors", SafetensorsTestFiles.Build(header, 20));

        var error = Assert.Throws<ModelFileException>(() => SafetensorsFile.Open(path));

        Assert.Contains("tensor 'b' needs data bytes 8..24 but the file holds only 20 data bytes; the file is truncated", error.Message);
    }

    [Fact]
    public void A_file_cut_inside_the_header_or_the_length_prefix_is_reported_as_truncated()
    {
        var whole = SafetensorsTestFiles.Build("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8);
        var insideHeader = SafetensorsTestFiles.Write(folder, "header-cut.safetensors", whole[..20]);
        var insidePrefix = SafetensorsTestFiles.Write(folder, "prefix-cut.safetensors", whole[..5]);

        var headerError = Assert.Throws<ModelFileException>(() => SafetensorsFile.Open(insideHeader));
        var prefixError = Assert.Throws<ModelFileException>(() => SafetensorsFile.Open(insidePrefix));

        Assert.Contains("only 12 follow the length prefix; the file is truncated", headerError.Message);
        Assert.Contains("the file is 5 bytes, shorter than the 8-byte safetensors length prefix", prefixError.Message);
    }

    [Fact]
    public void An_absurd_length_prefix_is_rejected_without_allocating_it()
    {
        var bytes = new byte[16];
        BitConverter.GetBytes(ulong.MaxValue - 3).CopyTo(bytes, 0);
        var path = SafetensorsTestFiles.Write(folder, "huge.safetensors", bytes);

        var error = Assert.Throws<ModelFileException>(() => SafetensorsFile.Open(path));

        Assert.Contains("over the format's limit", error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var path = Path.Combine(folder.Path, "absent.safetensors");

        var error = Assert.Throws<ModelFileException>(() => SafetensorsFile.Open(path));

        Assert.StartsWith(path + ": cannot open the file", error.Message);
    }
}
