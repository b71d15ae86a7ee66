using Reft.Runtime.Models;

namespace Reft.Runtime.Tests.Models;

public sealed class CheckpointReaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_sharded_checkpoint_resolves_each_tensor_to_its_shard()
    {
        WriteShard("model-00001-of-00002.safetensors", "a", 1);
        WriteShard("model-00002-of-00002.safetensors", "b", 2);
        File.WriteAllText(Path.Combine(folder.Path, SafetensorsIndex.FileName),
            """{"metadata":{"total_size":8},"weight_map":{"a":"model-00001-of-00002.safetensors","b":"model-00002-of-00002.safetensors"}}""");

        using var reader = CheckpointReader.Open(folder.Path);

        Assert.Equal(["a", "b"], reader.TensorNames.Order());
        var (file, entry) = reader.Find("b");
        Assert.EndsWith("model-00002-of-00002.safetensors", file.Path);
        Assert.Equal(BitConverter.GetBytes(2f), file.ReadBytes(entry));
    }

    [Fact]
    public void A_missing_shard_names_the_index_and_the_shard()
    {
        WriteShard("model-00001-of-00002.safetensors", "a", 1);
        File.WriteAllText(Path.Combine(folder.Path, SafetensorsIndex.FileName),
            """{"weight_map":{"a":"model-00001-of-00002.safetensors","b":"model-00002-of-00002.safetensors"}}""");

        var error = Assert.Throws<ModelFileException>(() => CheckpointReader.Open(folder.Path));

        Assert.Contains(SafetensorsIndex.FileName + ": lists shard 'model-00002-of-00002.safetensors', which is not in the folder", error.Message);
    }

    [Fact]
    public void An_index_that_points_a_tensor_at_the_wrong_shard_is_rejected()
    {
        WriteShard("s1.safetensors", "a", 1);
        File.WriteAllText(Path.Combine(folder.Path, SafetensorsIndex.FileName), """{"weight_map":{"zz":"s1.safetensors"}}""");

        var error = Assert.Throws<ModelFileException>(() => CheckpointReader.Open(folder.Path));

        Assert.Contains("s1.safetensors: has no tensor 'zz', although model.safetensors.index.json says it is there", error.Message);
    }

    [Fact]
    public void Shard_names_that_leave_the_folder_are_rejected()
    {
        var error = Assert.Throws<ModelFileException>(() => SafetensorsIndex.Parse("index.json", """{"weight_map":{"a":"../x.safetensors"}}"""));

        Assert.Contains("shards must be plain file names in the same folder", error.Message);
    }

    [Fact]
    public void A_folder_without_weights_says_what_it_expected()
    {
        var error = Assert.Throws<ModelFileException>(() => CheckpointReader.Open(folder.Path));

        Assert.Equal($"{folder.Path}: holds neither model.safetensors nor model.safetensors.index.json; point the model at a Hugging Face checkpoint folder", error.Message);
    }

    [Fact]
    public void Asking_for_an_absent_tensor_names_it()
    {
        WriteShard(CheckpointReader.SingleFileName, "a", 1);
        using var reader = CheckpointReader.Open(folder.Path);

        var error = Assert.Throws<ModelFileException>(() => reader.Find("lm_head.weight"));

        Assert.Contains("the checkpoint has no tensor 'lm_head.weight'", error.Message);
    }

    private void WriteShard(string name, string tensor, float value) =>
        SafetensorsWriter.Write(Path.Combine(folder.Path, name),
            [new SafetensorsTensor(tensor, SafetensorsDType.F32, [1], () => BitConverter.GetBytes(value))]);
}
