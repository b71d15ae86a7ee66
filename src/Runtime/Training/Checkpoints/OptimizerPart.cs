using Reft.Runtime.Torch;

namespace Reft.Runtime.Training.Checkpoints;

/// <summary>AdamW's moments and step counts, in libtorch's archive format.</summary>
public sealed class OptimizerPart(AdamW optimizer, string name = "optimizer") : ICheckpointPart
{
    private const string FileName = "adamw.pt";

    public string Name { get; } = name;

    public void Save(string folder) => optimizer.save(Path.Combine(folder, FileName));

    public void Load(string folder) => optimizer.load(Path.Combine(folder, FileName));
}
