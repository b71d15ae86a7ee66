using Reft.Runtime.Algorithms;
using Reft.Runtime.Torch;
using Xunit.Abstractions;
using static Reft.Runtime.Tests.Algorithms.AlgoTensors;

namespace Reft.Runtime.Tests.Algorithms;

/// <summary>
/// ALGORITHMS.md §8 on a one-prompt bandit with 4 answers: r = [1, 0, 0.5, 0], π_ref uniform, β = 0.5, so
/// π* ∝ π_ref·exp(r/β) = [0.6103, 0.0826, 0.2245, 0.0826]. Every batch (32 groups of 8) is drawn from the fixed
/// behaviour μ = [0.1, 0.2, 0.3, 0.4]; 400 SGD steps with learning rate 0.5 from uniform logits.
/// AGRO reaches π* (total variation below 0.01; at π* every z_i is equal, so its gradient is exactly 0), while
/// KL-regularised policy gradient (group-centred reward, k3 penalty in the loss) on the same samples settles near
/// [0.37, 0.15, 0.31, 0.16], total variation ≈ 0.24 from π*.
/// </summary>
public class AgroTabularTests(ITestOutputHelper output)
{
    private static readonly double[] Reward = [1, 0, 0.5, 0];
    private static readonly double[] Reference = [0.25, 0.25, 0.25, 0.25];
    private static readonly double[] Behaviour = [0.1, 0.2, 0.3, 0.4];
    private const double Beta = 0.5;
    private const int Group = 8, Groups = 32, Steps = 400;
    private const double LearningRate = 0.5;

    [Fact]
    public void Agro_converges_to_the_regularised_optimum_from_off_policy_samples_and_naive_kl_pg_does_not()
    {
        var target = Reference.Select((p, k) => p * Math.Exp(Reward[k] / Beta)).ToArray();
        target = [.. target.Select(p => p / target.Sum())];

        var agro = Train(naive: false);
        var naive = Train(naive: true);
        output.WriteLine($"pi*   = {Show(target)}");
        output.WriteLine($"agro  = {Show(agro)}  TV {TotalVariation(agro, target):0.0000}");
        output.WriteLine($"naive = {Show(naive)}  TV {TotalVariation(naive, target):0.0000}");

        Assert.True(TotalVariation(agro, target) < 0.01, $"AGRO ended at {Show(agro)}, expected {Show(target)}");
        Assert.True(TotalVariation(naive, target) > 0.15, $"naive KL-PG ended at {Show(naive)}, unexpectedly near {Show(target)}");
    }

    private static double[] Train(bool naive)
    {
        var random = new SplitMix64(11);
        var theta = torch.zeros([4], torch.float64, requires_grad: true);
        var logReference = torch.tensor(Reference.Select(p => Math.Log(p)).ToArray());
        var rewardTable = torch.tensor(Reward);
        for (var step = 0; step < Steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var actions = torch.tensor(Enumerable.Range(0, Group * Groups).Select(_ => (long)Sample(Behaviour, random.NextDouble())).ToArray());
            var logProbs = theta.log_softmax(0).index_select(0, actions).view(-1, 1);
            var referenceLogProbs = logReference.index_select(0, actions).view(-1, 1);
            var rewards = rewardTable.index_select(0, actions);
            var mask = torch.ones([Group * Groups, 1], torch.float64);
            var normalizer = LossNormalizer.For(Agro.Aggregation, [mask]);
            var loss = naive
                ? normalizer.Aggregate(KlPenalty.AddToLoss(PolicyLosses.Reinforce(logProbs, Advantages.Group(rewards, Group, AdvantageScale.None)),
                    KlEstimator.K3, Beta, logProbs, referenceLogProbs), mask)
                : Agro.Loss(logProbs, Advantages.Agro(rewards, Agro.SequenceLogProbs(logProbs, mask), Agro.SequenceLogProbs(referenceLogProbs, mask), Group, Beta), mask, normalizer);
            loss.backward();
            using (torch.no_grad()) theta.add_(theta.grad!, -LearningRate);
            theta.zero_grad();
        }
        return Values(theta.softmax(0));
    }

    private static int Sample(double[] probabilities, double u)
    {
        for (var k = 0; k < probabilities.Length - 1; k++)
        {
            u -= probabilities[k];
            if (u < 0) return k;
        }
        return probabilities.Length - 1;
    }

    private static double TotalVariation(double[] p, double[] q) => 0.5 * p.Zip(q, (a, b) => Math.Abs(a - b)).Sum();

    private static string Show(double[] p) => "[" + string.Join(", ", p.Select(x => x.ToString("0.0000"))) + "]";
}
