using Reft.Runtime.Torch;

namespace Reft.Runtime.Training.Checkpoints;

/// <summary>Named tensors (state that is not part of the policy, e.g. a value baseline) saved in one
/// file and loaded back into the same tensors in place.</summary>
public sealed class TensorsPart(string name, IReadOnlyDictionary<string, Tensor> tensors) : ICheckpointPart
{
    private const string FileName = "tensors.pt";

    public string Name { get; } = name;

    public void Save(string folder) => torch.save(tensors, Path.Combine(folder, FileName));

    public void Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var stored = torch.load(path);
        try
        {
            var missing = tensors.Keys.Where(key => !stored.ContainsKey(key)).ToList();
            if (missing.Count > 0)
                throw new CheckpointException($"{path}: lacks tensor(s) {string.Join(", ", missing)}; was the checkpoint written by another spec?");
            using var noGrad = torch.no_grad();
            foreach (var (key, target) in tensors)
            {
                if (!stored[key].shape.SequenceEqual(target.shape))
                    throw new CheckpointException($"{path}: tensor '{key}' has shape [{string.Join(", ", stored[key].shape)}], this run expects [{string.Join(", ", target.shape)}]; was the checkpoint written by another spec?");
                target.copy_(stored[key]);
            }
        }
        finally
        {
            foreach (var tensor in stored.Values) tensor.Dispose();
        }
    }
}
