using Reft.Runtime.Models;
using Reft.Runtime.Torch;
using Reft.Runtime.Training.Checkpoints;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Training;

/// <summary>The policy (Hugging Face layout) and AdamW state survive a checkpoint:
/// after restoring into a differently initialised model, the next optimizer step gives the same
/// weights as in the model that never stopped.</summary>
public sealed class TorchPartsTests
{
    private static void Step(Transformer model, AdamW optimizer)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var loss = model.Parameters.Select(p => p.pow(2).sum()).Aggregate((a, b) => a.add(b));
        loss.backward();
        optimizer.step();
    }

    private static float[][] Weights(Transformer model) => model.Parameters.Select(p => p.data<float>()).ToArray();

    [Fact]
    public void Policy_and_optimizer_resume_to_the_same_next_step()
    {
        using var temporary = new TemporaryFolder();
        using var running = Transformer.Tiny(layers: 2, dim: 16, heads: 2, kvHeads: 1, context: 8, vocab: 11, seed: 1);
        using var runningOptimizer = torch.optim.AdamW(running.Parameters, lr: 0.01);
        Step(running, runningOptimizer);
        Step(running, runningOptimizer);
        var store = new CheckpointStore(temporary.Path, keep: 1);
        store.Save(new CheckpointState { Stage = "rl", StageIndex = 0, Step = 2, SpecHash = "h" },
            [new PolicyPart(running), new OptimizerPart(runningOptimizer)]);
        Assert.True(File.Exists(temporary.Combine("00-rl-0000002", "policy", "config.json")));
        Assert.True(File.Exists(temporary.Combine("00-rl-0000002", "policy", "model.safetensors")));

        using var resumed = Transformer.Tiny(layers: 2, dim: 16, heads: 2, kvHeads: 1, context: 8, vocab: 11, seed: 2);
        using var resumedOptimizer = torch.optim.AdamW(resumed.Parameters, lr: 0.01);
        Assert.NotEqual(Weights(running)[0], Weights(resumed)[0]);
        store.LatestValid().Checkpoint!.Restore([new PolicyPart(resumed), new OptimizerPart(resumedOptimizer)]);
        Assert.Equal(Weights(running), Weights(resumed));

        Step(running, runningOptimizer);
        Step(resumed, resumedOptimizer);
        Assert.Equal(Weights(running), Weights(resumed));
    }
}
