using Reft.Runtime.Torch;

namespace Reft.Runtime.Models;

public sealed partial class Transformer
{
    /// <summary>
    /// Loads a Hugging Face folder: config.json plus model.safetensors or a sharded index.
    /// Weights stored as float32, bfloat16 or float16 are converted to <paramref name="dtype"/>.
    /// Tensors the config does not need (e.g. a tied lm_head.weight) are ignored; a missing tensor
    /// or a wrong shape is a <see cref="ModelFileException"/> naming the file and the tensor.
    /// </summary>
    public static Transformer Load(string folder, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        RequireFloatingPoint(dtype);
        device ??= Device.CPU;
        var config = ModelConfigJson.Read(Path.Combine(folder, ModelConfigJson.FileName));
        using var reader = CheckpointReader.Open(folder);
        var specs = ParameterLayout.For(config);
        var missing = specs.Where(spec => !reader.Contains(spec.Name)).Select(spec => spec.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ModelFileException(folder,
                $"the checkpoint lacks {missing.Count} tensor(s) that config.json requires: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")}; check that config.json belongs to these weights");
        }

        var parameters = new List<KeyValuePair<string, Tensor>>();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var spec in specs)
            {
                var (file, entry) = reader.Find(spec.Name);
                if (!entry.Shape.SequenceEqual(spec.Shape))
                {
                    throw new ModelFileException(file.Path,
                        $"tensor '{spec.Name}' has shape {entry.ShapeText} but config.json implies [{string.Join(", ", spec.Shape)}]; the weights do not belong to this config");
                }

                using var scope = torch.NewDisposeScope();
                var stored = torch.from_bytes(file.ReadBytes(entry), ScalarTypeOf(entry.DType), [.. entry.Shape]);
                var parameter = stored.to(dtype, device, copy: true).requires_grad_().MoveToOuterDisposeScope();
                parameters.Add(KeyValuePair.Create(spec.Name, parameter));
            }
        }
        catch
        {
            parameters.ForEach(pair => pair.Value.Dispose());
            throw;
        }

        return new Transformer(config with { TorchDType = TorchDTypeName(dtype) }, parameters, device);
    }

    /// <summary>
    /// Writes config.json and model.safetensors in Hugging Face layout, in the model's precision,
    /// so that other tools load the result. A tied LM head is not written separately.
    /// </summary>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var dtype = SafetensorsDTypeOf(DType);
        var tensors = namedParameters.Select(pair => new SafetensorsTensor(
            pair.Key, dtype, pair.Value.shape, () => pair.Value.detach().DetachFromDisposeScope().BytesAndDispose())).ToList();
        SafetensorsWriter.Write(Path.Combine(folder, CheckpointReader.SingleFileName), tensors, new Dictionary<string, string> { ["format"] = "pt" });
        ModelConfigJson.Write(Path.Combine(folder, ModelConfigJson.FileName), Config with { TorchDType = TorchDTypeName(DType) });
    }

    private static ScalarType ScalarTypeOf(SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F32 => ScalarType.Float32,
        SafetensorsDType.BF16 => ScalarType.BFloat16,
        SafetensorsDType.F16 => ScalarType.Float16,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    private static SafetensorsDType SafetensorsDTypeOf(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => SafetensorsDType.F32,
        ScalarType.BFloat16 => SafetensorsDType.BF16,
        ScalarType.Float16 => SafetensorsDType.F16,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "models are stored as float32, bfloat16 or float16"),
    };

    private static string TorchDTypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        _ => "float32",
    };

    private static void RequireFloatingPoint(ScalarType dtype)
    {
        if (dtype is not (ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16))
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "load a model as float32, bfloat16 or float16");
        }
    }
}

internal static class TensorBytes
{
    /// <summary>The tensor's raw bytes; the tensor (a temporary view) is freed.</summary>
    public static ReadOnlyMemory<byte> BytesAndDispose(this Tensor tensor)
    {
        using (tensor)
        {
            return tensor.bytes();
        }
    }
}
