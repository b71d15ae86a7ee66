using Reft.Runtime.Algorithms;
using Reft.Runtime.Torch;
using static Reft.Runtime.Tests.Algorithms.AlgoTensors;

namespace Reft.Runtime.Tests.Algorithms;

public class AdvantageTensorTests
{
    private static readonly double[] Rewards = [1, 2, 4, 3, 3, 3, 0, 1, 0.5];

    [Theory]
    [InlineData(AdvantageScale.Std)]
    [InlineData(AdvantageScale.None)]
    [InlineData(AdvantageScale.BatchStd)]
    public void Tensor_advantages_match_the_reference(AdvantageScale scale)
    {
        Close(ReferenceAdvantages.Group(Rewards, 3, scale), Advantages.Group(T(Rewards), 3, scale), 1e-12);
    }

    [Fact]
    public void Std_scaling_matches_hand_values_and_zero_variance_groups_are_zero()
    {
        // [1,2,4]: mean 7/3, unbiased std sqrt(7/3); [3,3,3]: 0; [0,1,0.5]: mean 0.5, std 0.5.
        Close([-0.8728709895, -0.2182177474, 1.0910887369, 0, 0, 0, -0.999998, 0.999998, 0],
              Advantages.Group(T(Rewards), 3, AdvantageScale.Std), 1e-9);
    }

    [Fact]
    public void Group_of_one_gives_zero_advantage()
    {
        Close([0, 0, 0], Advantages.Group(T([1, 5, -2]), 1, AdvantageScale.Std));
    }

    [Fact]
    public void Advantages_are_detached()
    {
        var rewards = torch.tensor([1.0, 0.0], requires_grad: true);
        Assert.False(Advantages.Group(rewards, 2, AdvantageScale.Std).requires_grad);
    }

    [Fact]
    public void Agro_advantage_matches_hand_values_and_reference()
    {
        // z = R − β(logπ − logπ_ref) = [1 − 0.5·2, 0 − 0.5·(−2), 2 − 0.5·0, 2 − 0.5·4] = [0, 1, 2, 0]; group means 0.5 and 1.
        var advantages = Advantages.Agro(T([1, 0, 2, 2]), T([-1, -4, -3, 1]), T([-3, -2, -3, -3]), 2, 0.5);
        Close([-0.5, 0.5, 1, -1], advantages);
        Close(ReferenceAdvantages.Agro([1, 0, 2, 2], [2, -2, 0, 4], 2, 0.5), advantages);
    }

    [Fact]
    public void Agro_rejects_non_positive_beta()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Advantages.Agro(T([1, 0]), T([0, 0]), T([0, 0]), 2, 0));
    }
}
