using System.Text.Json.Nodes;
using Reft.Runtime.Models;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Models;

public sealed class CheckpointRoundTripTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static Tensor Probe() => TestModels.Ids(new long[,] { { 1, 5, 9, 3, 7 } });

    [Fact]
    public void A_saved_model_loads_back_to_identical_logits_in_hugging_face_layout()
    {
        using var model = Transformer.Create(TestModels.FullFeatured(), seed: 8);
        TestModels.Perturb(model, seed: 9);
        model.Save(folder.Path);
        using var loaded = Transformer.Load(folder.Path);
        using var scope = torch.NewDisposeScope();

        Assert.Equal(model.Forward(Probe()).data<float>(), loaded.Forward(Probe()).data<float>());
        Assert.Equal(model.NamedParameters.Select(pair => pair.Key), loaded.NamedParameters.Select(pair => pair.Key));
        Assert.Contains("lm_head.weight", model.NamedParameters.Select(pair => pair.Key));
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Path, "config.json")))!;
        Assert.Equal("Qwen3ForCausalLM", (string)config["architectures"]![0]!);
        Assert.Equal("float32", (string)config["torch_dtype"]!);
        using var file = SafetensorsFile.Open(Path.Combine(folder.Path, "model.safetensors"));
        Assert.Equal([6L], file.Entry("model.layers.1.self_attn.k_norm.weight").Shape);
        Assert.Equal([24L, 16L], file.Entry("model.layers.0.self_attn.q_proj.weight").Shape);
    }

    [Theory]
    [InlineData(ScalarType.BFloat16, 0.05)]
    [InlineData(ScalarType.Float16, 0.01)]
    public void Half_precision_weights_load_into_the_requested_precision(ScalarType stored, double tolerance)
    {
        using var model = TestModels.Tiny();
        using (var half = Transformer.Load(SaveAs(model, stored), dtype: ScalarType.Float32))
        using (var scope = torch.NewDisposeScope())
        {
            Assert.Equal(ScalarType.Float32, half.DType);
            Assert.True(TestModels.MaxAbsDifference(model.Forward(Probe()), half.Forward(Probe())) < tolerance);
            Assert.True(TestModels.MaxAbsDifference(model.Forward(Probe()), half.Forward(Probe())) > 0);
        }

        using var asStored = Transformer.Load(folder.Path, dtype: stored);
        Assert.Equal(stored, asStored.DType);
        Assert.Equal(stored == ScalarType.BFloat16 ? "bfloat16" : "float16", asStored.Config.TorchDType);
        if (stored == ScalarType.BFloat16)
        {
            using var scope = torch.NewDisposeScope();
            Assert.True(TestModels.MaxAbsDifference(model.Forward(Probe()), asStored.Forward(Probe())) < 0.1);
        }
    }

    [Fact]
    public void A_sharded_checkpoint_loads_to_the_same_logits()
    {
        using var model = TestModels.Tiny();
        model.Save(folder.Path);
        var single = Path.Combine(folder.Path, "model.safetensors");
        var weightMap = new JsonObject();
        using (var file = SafetensorsFile.Open(single))
        {
            var entries = file.Header.Entries;
            for (var shard = 0; shard < 2; shard++)
            {
                var name = $"model-0000{shard + 1}-of-00002.safetensors";
                var part = entries.Where((_, i) => i % 2 == shard).ToList();
                var copy = file;
                SafetensorsWriter.Write(Path.Combine(folder.Path, name),
                    part.Select(entry => new SafetensorsTensor(entry.Name, entry.DType, entry.Shape, () => copy.ReadBytes(entry))).ToList());
                part.ForEach(entry => weightMap[entry.Name] = name);
            }
        }

        File.Delete(single);
        File.WriteAllText(Path.Combine(folder.Path, SafetensorsIndex.FileName), new JsonObject { ["weight_map"] = weightMap }.ToJsonString());
        using var loaded = Transformer.Load(folder.Path);
        using var scope = torch.NewDisposeScope();

        Assert.Equal(model.Forward(Probe()).data<float>(), loaded.Forward(Probe()).data<float>());
    }

    [Fact]
    public void A_config_that_does_not_fit_the_weights_names_the_tensor_and_both_shapes()
    {
        using var model = TestModels.Tiny();
        model.Save(folder.Path);
        EditConfig(config => config["intermediate_size"] = 64);

        var error = Assert.Throws<ModelFileException>(() => Transformer.Load(folder.Path));

        Assert.Equal(
            $"{Path.Combine(folder.Path, "model.safetensors")}: tensor 'model.layers.0.mlp.gate_proj.weight' has shape [96, 32] but config.json implies [64, 32]; the weights do not belong to this config",
            error.Message);
    }

    [Fact]
    public void Missing_tensors_are_listed()
    {
        using var model = TestModels.Tiny();
        model.Save(folder.Path);
        EditConfig(config => config["tie_word_embeddings"] = false);

        var error = Assert.Throws<ModelFileException>(() => Transformer.Load(folder.Path));

        Assert.Contains("the checkpoint lacks 1 tensor(s) that config.json requires: lm_head.weight", error.Message);
    }

    [Fact]
    public void A_truncated_weights_file_is_rejected_before_any_tensor_is_built()
    {
        using var model = TestModels.Tiny();
        model.Save(folder.Path);
        var path = Path.Combine(folder.Path, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);

        var error = Assert.Throws<ModelFileException>(() => Transformer.Load(folder.Path));

        Assert.StartsWith(path + ": tensor 'model.norm.weight' needs data bytes", error.Message);
        Assert.Contains("the file is truncated", error.Message);
    }

    [Fact]
    public void A_corrupt_header_in_a_model_folder_is_a_clear_error()
    {
        using var model = TestModels.Tiny();
        model.Save(folder.Path);
        var path = Path.Combine(folder.Path, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        bytes[8] = (byte)'#';
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelFileException>(() => Transformer.Load(folder.Path));

        Assert.StartsWith(path + ": corrupt safetensors header: the header is not valid JSON", error.Message);
    }

    private string SaveAs(Transformer model, ScalarType dtype)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        model.Save(folder.Path);
        var weights = Path.Combine(folder.Path, "model.safetensors");
        using (var file = SafetensorsFile.Open(weights))
        {
            var target = dtype == ScalarType.BFloat16 ? SafetensorsDType.BF16 : SafetensorsDType.F16;
            var converted = file.Header.Entries.Select(entry =>
            {
                var bytes = torch.from_bytes(file.ReadBytes(entry), ScalarType.Float32, [.. entry.Shape]).to(dtype).bytes();
                return new SafetensorsTensor(entry.Name, target, entry.Shape, () => bytes);
            }).ToList();
            SafetensorsWriter.Write(weights + ".converted", converted);
        }

        File.Move(weights + ".converted", weights, overwrite: true);
        return folder.Path;
    }

    private void EditConfig(Action<JsonNode> edit)
    {
        var path = Path.Combine(folder.Path, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!;
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }
}
