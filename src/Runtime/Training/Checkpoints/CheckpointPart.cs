namespace Reft.Runtime.Training.Checkpoints;

/// <summary>One component of a checkpoint that writes its own files (the policy in Hugging Face
/// layout, the optimizer state) into a subfolder named <see cref="Name"/>.</summary>
public interface ICheckpointPart
{
    string Name { get; }

    void Save(string folder);

    void Load(string folder);
}

/// <summary>A part defined by two delegates, e.g. <c>CheckpointPart.Of("policy", policy.Save, policy.Load)</c>.</summary>
public sealed class CheckpointPart(string name, Action<string> save, Action<string> load) : ICheckpointPart
{
    public string Name { get; } = name;

    public void Save(string folder) => save(folder);

    public void Load(string folder) => load(folder);

    public static CheckpointPart Of(string name, Action<string> save, Action<string> load) => new(name, save, load);
}
