namespace Reft.Runtime.Algorithms;

/// <summary>
/// Advantage maths on plain arrays: the reference the tensor versions are tested against, and what small callers
/// (metrics, filters over reward lists) use directly. Rows are laid out group by group.
/// </summary>
public static class ReferenceAdvantages
{
    public const double Eps = 1e-6;

    /// <summary>
    /// A_i = (R_i − mean_g R) / (s + eps) with s = std_g (Std), 1 with eps 0 (None), std over the batch (BatchStd);
    /// std is unbiased (n − 1); a group of one completion has advantage 0.
    /// </summary>
    public static double[] Group(IReadOnlyList<double> rewards, int group, AdvantageScale scale, double eps = Eps)
    {
        GroupChecks.Require(rewards.Count, group);
        var advantages = new double[rewards.Count];
        if (group == 1) return advantages;
        var batchStd = UnbiasedStd(rewards);
        for (var g = 0; g < rewards.Count / group; g++)
        {
            var members = rewards.Skip(g * group).Take(group).ToArray();
            var mean = members.Average();
            var denominator = scale switch
            {
                AdvantageScale.Std => UnbiasedStd(members) + eps,
                AdvantageScale.BatchStd => batchStd + eps,
                _ => 1.0,
            };
            for (var i = 0; i < group; i++) advantages[g * group + i] = (members[i] - mean) / denominator;
        }
        return advantages;
    }

    /// <summary>AGRO: z_i = R_i − β·ℓ_i with ℓ_i = log π(y_i) − log π_ref(y_i) (sequence sums); A_i = z_i − mean_g z.</summary>
    public static double[] Agro(IReadOnlyList<double> rewards, IReadOnlyList<double> sequenceLogRatios, int group, double beta)
    {
        GroupChecks.Require(rewards.Count, group);
        if (sequenceLogRatios.Count != rewards.Count)
            throw new ArgumentException($"{sequenceLogRatios.Count} log-ratios for {rewards.Count} rewards; pass one per completion");
        var z = rewards.Select((r, i) => r - beta * sequenceLogRatios[i]).ToArray();
        var advantages = new double[z.Length];
        for (var g = 0; g < z.Length / group; g++)
        {
            var mean = z.Skip(g * group).Take(group).Average();
            for (var i = 0; i < group; i++) advantages[g * group + i] = z[g * group + i] - mean;
        }
        return advantages;
    }

    private static double UnbiasedStd(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
