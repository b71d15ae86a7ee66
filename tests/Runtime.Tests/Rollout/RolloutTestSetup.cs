using Reft.Runtime.Models;
using Reft.Runtime.Rollout;
using Reft.Runtime.Tests.Models;
using Reft.Runtime.Text;

namespace Reft.Runtime.Tests.Rollout;

internal static class RolloutTestSetup
{
    public static CharTokenizer Tokenizer => CharTokenizer.Default;

    /// <summary>A 4-layer model over the character vocabulary, perturbed so that its distributions are far from uniform.</summary>
    public static Transformer Model()
    {
        var model = Transformer.Tiny(layers: 4, dim: 32, heads: 4, kvHeads: 2, context: 40, vocab: Tokenizer.VocabSize, seed: 21);
        TestModels.Perturb(model, seed: 22);
        return model;
    }

    public static RolloutPrompt[] Prompts() =>
        [RolloutPrompt.Encode(Tokenizer, 0, "12+7="), RolloutPrompt.Encode(Tokenizer, 1, "3-1="), RolloutPrompt.Encode(Tokenizer, 5, "100+250=")];

    /// <summary>No end-of-sequence token, so that only the rule under test ends a completion.</summary>
    public static SamplingOptions NoEos(int maxNewTokens = 10) => new() { MaxNewTokens = maxNewTokens, EosTokenIds = [] };
}
