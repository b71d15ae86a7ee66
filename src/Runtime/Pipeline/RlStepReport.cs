using Reft.Runtime.Algorithms;
using Reft.Runtime.Torch;
using Reft.Runtime.Training.Metrics;

namespace Reft.Runtime.Pipeline;

/// <summary>
/// Collects what one RL step measures (ALGORITHMS.md §10) as the generated loop goes through its
/// phases; token-weighted over micro-batches, so the numbers are those of the whole batch.
/// </summary>
public sealed class RlStepReport
{
    private StepMetrics rollout = new() { Stage = "", StageIndex = 0, Step = 0 };
    private double rhoSum, rhoMax, truncatedSum, maskedSum, behaviourKlSum, correctionTokens;
    private double clipLowSum, clipHighSum, clipTokens;
    private double referenceKlSum, referenceTokens;
    private double? learnerTokensPerSecond;

    /// <summary>Rewards per term, accuracy (the mean of the yes/no term), lengths of right and wrong answers, rollout speed.</summary>
    public void Rollout(RolloutDraws draws, string? accuracyTerm)
    {
        var totals = draws.Totals;
        var terms = draws.Rewards.SelectMany(reward => reward.Terms).GroupBy(term => term.Name)
            .ToDictionary(group => group.Key, group => Stats(group.Select(term => term.Value).ToList()), StringComparer.Ordinal);
        double? accuracy = null, lengthCorrect = null, lengthWrong = null;
        if (accuracyTerm is not null && draws.Rewards.Count > 0)
        {
            var correct = draws.Rewards.Select(reward => reward[accuracyTerm] > 0.5).ToList();
            accuracy = correct.Count(flag => flag) / (double)correct.Count;
            lengthCorrect = MeanOrNull(draws.Lengths.Where((_, row) => correct[row]));
            lengthWrong = MeanOrNull(draws.Lengths.Where((_, row) => !correct[row]));
        }
        var all = Stats(totals);
        rollout = rollout with
        {
            RewardMean = totals.Count == 0 ? null : all.Mean,
            RewardStd = totals.Count == 0 ? null : all.Std,
            RewardTerms = terms,
            Accuracy = accuracy,
            LengthCorrect = lengthCorrect,
            LengthWrong = lengthWrong,
            RolloutTokensPerSecond = draws.SamplingSeconds > 0 ? draws.GeneratedTokens / draws.SamplingSeconds : null,
        };
    }

    public void Advantages(Tensor advantages)
    {
        var values = advantages.detach().data<double>();
        if (values.Length == 0) return;
        var stats = Stats(values);
        rollout = rollout with { AdvantageMean = stats.Mean, AdvantageStd = stats.Std, AdvantageMin = values.Min(), AdvantageMax = values.Max() };
    }

    public void Correction(ImportanceStats stats, Tensor mask)
    {
        var tokens = Tokens(mask);
        rhoSum += stats.MeanRho * tokens;
        rhoMax = Math.Max(rhoMax, stats.MaxRho);
        truncatedSum += stats.FractionTruncated * tokens;
        maskedSum += stats.FractionMasked * tokens;
        behaviourKlSum += stats.BehaviourKl * tokens;
        correctionTokens += tokens;
    }

    public void Clip(ClipFractions fractions, Tensor mask)
    {
        var tokens = Tokens(mask);
        clipLowSum += fractions.Low * tokens;
        clipHighSum += fractions.High * tokens;
        clipTokens += tokens;
    }

    /// <summary>Per-token KL estimates [b, T] to the reference model.</summary>
    public void ReferenceKl(Tensor perToken, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        referenceKlSum += (perToken * mask).sum().item<double>();
        referenceTokens += Tokens(mask);
    }

    public void Learned(long tokens, double backpropSeconds) =>
        learnerTokensPerSecond = backpropSeconds > 0 ? tokens / backpropSeconds : null;

    /// <summary>The step's line: what the loop knows (stage, step, loss, ...) plus everything collected here.</summary>
    public StepMetrics ToMetrics(StepMetrics step) => step with
    {
        RewardMean = rollout.RewardMean,
        RewardStd = rollout.RewardStd,
        RewardTerms = rollout.RewardTerms,
        Accuracy = rollout.Accuracy,
        LengthCorrect = rollout.LengthCorrect,
        LengthWrong = rollout.LengthWrong,
        AdvantageMean = rollout.AdvantageMean,
        AdvantageStd = rollout.AdvantageStd,
        AdvantageMin = rollout.AdvantageMin,
        AdvantageMax = rollout.AdvantageMax,
        RolloutTokensPerSecond = rollout.RolloutTokensPerSecond,
        LearnerTokensPerSecond = learnerTokensPerSecond,
        RhoMean = correctionTokens > 0 ? rhoSum / correctionTokens : null,
        RhoMax = correctionTokens > 0 ? rhoMax : null,
        RhoFractionClipped = correctionTokens > 0 ? (truncatedSum + maskedSum) / correctionTokens : null,
        BehaviourKl = correctionTokens > 0 ? behaviourKlSum / correctionTokens : null,
        ClipFractionLow = clipTokens > 0 ? clipLowSum / clipTokens : null,
        ClipFractionHigh = clipTokens > 0 ? clipHighSum / clipTokens : null,
        ReferenceKl = referenceTokens > 0 ? referenceKlSum / referenceTokens : null,
    };

    private static double Tokens(Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        return mask.sum().item<double>();
    }

    private static double? MeanOrNull(IEnumerable<int> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : list.Average();
    }

    /// <summary>Mean and population standard deviation.</summary>
    private static TermStats Stats(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return new TermStats(double.NaN, double.NaN);
        var mean = values.Average();
        return new TermStats(mean, Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / values.Count));
    }
}
