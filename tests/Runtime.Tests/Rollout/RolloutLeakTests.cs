using Reft.Runtime.Models;
using Reft.Runtime.Rollout;
using Reft.Runtime.Tests.Torch;
using Reft.Runtime.Torch;
using static Reft.Runtime.Tests.Rollout.RolloutTestSetup;

namespace Reft.Runtime.Tests.Rollout;

[Collection(nameof(SerialCollection))]
public sealed class RolloutLeakTests
{
    [Fact]
    public void A_model_its_rollouts_and_their_batches_free_every_native_tensor()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Tensor.TotalCount;

        using (var model = Model())
        {
            var sampling = new SamplingOptions { MaxNewTokens = 8, EosTokenIds = Enumerable.Range(40, 20).ToArray(), TopP = 0.9 };
            foreach (var options in new[] { new RolloutEngineOptions { CompactBelow = 1.0 }, new RolloutEngineOptions { UseKvCache = false } })
            {
                using var batch = new RolloutEngine(model, Tokenizer, options).Sample(Prompts(), 2, SkipSet.Of(1), sampling, seed: 1);
                using var selected = batch.Select([1, 0]);
                using var scope = torch.NewDisposeScope();
                model.SequenceLogProbs(selected.ToLearnerInput()).sum().backward();
            }

            using var copy = model.Copy();
        }

        Assert.Equal(before, Tensor.TotalCount);
    }
}
