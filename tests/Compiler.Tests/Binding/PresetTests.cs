using Reft.Compiler.Plan;
using Reft.Compiler.Tests.Support;

namespace Reft.Compiler.Tests.Binding;

public class PresetTests
{
    private static RlStagePlan Rl(string text)
    {
        var result = Specs.Compile(text);
        Assert.True(result.Plan is not null, Specs.Describe(result.Diagnostics));
        return result.Plan!.Stages.OfType<RlStagePlan>().Single();
    }

    private static string WithObjective(string objective) =>
        Specs.Arith.With("    objective: grpo\n    clip: 0.2 .. 0.28\n    kl: none\n    loss: token_mean\n", $"    objective: {objective}\n");

    [Fact]
    public void Dapo_sets_clip_higher_dynamic_sampling_and_overlong_shaping()
    {
        var stage = Rl(WithObjective("dapo"));
        Assert.Equal(new ClipPlan(0.2, 0.28, null), stage.Loss.Clip);
        Assert.Equal(new DynamicSamplingPlan(3), stage.Filter.Dynamic);
        Assert.Equal(new OverlongPlan(1, 1.0), stage.Score.Overlong);  // max_tokens 8 / 5, at least 1
        Assert.Equal(LossAggregation.TokenMean, stage.Loss.Aggregation);
    }

    [Fact]
    public void Dr_grpo_divides_by_max_tokens_and_does_not_scale()
    {
        var stage = Rl(WithObjective("dr_grpo"));
        Assert.Equal(AdvantageScale.None, stage.Advantage.Scale);
        Assert.Equal((LossAggregation.Constant, (double?)8), (stage.Loss.Aggregation, stage.Loss.ConstantDivisor));
    }

    [Fact]
    public void Explicit_knobs_override_the_preset()
    {
        var stage = Rl(WithObjective("dr_grpo\n    advantage: group(scale: std)\n    loss: seq_mean_token_mean"));
        Assert.Equal(AdvantageScale.Std, stage.Advantage.Scale);
        Assert.Equal(LossAggregation.SeqMeanTokenMean, stage.Loss.Aggregation);
        Assert.Null(stage.Loss.ConstantDivisor);
    }

    [Fact]
    public void Agro_uses_its_own_estimator_and_beta()
    {
        var text = WithObjective("agro(beta: 0.05)").With("  dataset train", "  model reference = frozen(policy)\n  dataset train");
        var stage = Rl(text);
        Assert.Equal((AdvantageEstimator.Agro, (double?)0.05, PolicyLossKind.Agro), (stage.Advantage.Estimator, stage.Advantage.AgroBeta, stage.Loss.PolicyLoss));
    }

    [Fact]
    public void Reinforce_has_no_ratio_and_group_mean_baseline()
    {
        var stage = Rl(WithObjective("reinforce"));
        Assert.Equal((PolicyLossKind.Reinforce, AdvantageScale.None), (stage.Loss.PolicyLoss, stage.Advantage.Scale));
    }

    [Fact]
    public void Defaults_fill_every_unwritten_knob()
    {
        var stage = Rl(Specs.Arith);
        Assert.Equal(1, stage.Loss.Epochs);
        Assert.Equal(new SamplingPlan(1.0, 1.0, 0, 8, 56, EquatableArray<string>.Empty), stage.Sample.Sampling);
        Assert.Equal((0.9, 0.999, 1e-8, 0.0, LrSchedule.Constant), (stage.Update.Optimizer.Beta1, stage.Update.Optimizer.Beta2, stage.Update.Optimizer.Epsilon, stage.Update.Optimizer.WeightDecay, stage.Update.Optimizer.Schedule));
        Assert.Equal(0.05, stage.Filter.Gradient!.AbsAdvantageAbove);
    }
}
