using Reft.Runtime.Models;

namespace Reft.Runtime.Training.Checkpoints;

/// <summary>The policy in Hugging Face layout (config.json + model.safetensors), so a checkpoint
/// folder's <c>policy/</c> loads in other tools too. Restoring copies the weights into the live
/// model, so the optimizer keeps pointing at the same parameters.</summary>
public sealed class PolicyPart(Transformer policy, string name = "policy") : ICheckpointPart
{
    public string Name { get; } = name;

    public void Save(string folder) => policy.Save(folder);

    public void Load(string folder)
    {
        using var stored = Transformer.Load(folder, policy.DType, policy.Device);
        policy.CopyWeightsFrom(stored);
    }
}
