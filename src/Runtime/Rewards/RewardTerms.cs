namespace Reft.Runtime.Rewards;

/// <summary>One named reward term: its weight, its unweighted value, and their product.</summary>
public readonly record struct RewardTerm(string Name, double Weight, double Value)
{
    public double Weighted => Weight * Value;
}

/// <summary>
/// The reward of one completion as a weighted sum of named terms (e.g. correct 1.0 + format 0.1). Keeps
/// every term's unweighted value so the metrics can report each term separately.
/// </summary>
public sealed class RewardTerms
{
    readonly List<RewardTerm> terms = [];

    public IReadOnlyList<RewardTerm> Terms => terms;

    /// <summary>Sum of weight · value over the terms.</summary>
    public double Total { get; private set; }

    /// <exception cref="ArgumentException">the value or weight is NaN or infinite, or the name repeats.</exception>
    public RewardTerms Add(string name, double weight, double value)
    {
        if (!double.IsFinite(weight) || !double.IsFinite(value))
            throw new ArgumentException($"reward term '{name}' has weight {weight} and value {value}; both must be finite numbers");
        if (terms.Exists(t => t.Name == name))
            throw new ArgumentException($"reward term '{name}' is added twice; give each term its own name");
        terms.Add(new RewardTerm(name, weight, value));
        Total += weight * value;
        return this;
    }

    /// <summary>A verdict counts 1 when true and 0 when false.</summary>
    public RewardTerms Add(string name, double weight, bool verdict) => Add(name, weight, verdict ? 1.0 : 0.0);

    /// <summary>The unweighted value of the named term.</summary>
    /// <exception cref="KeyNotFoundException">no term has that name.</exception>
    public double this[string name] =>
        terms.FindIndex(t => t.Name == name) is var index and >= 0 ? terms[index].Value : throw new KeyNotFoundException($"no reward term named '{name}'");

    /// <summary>Per-term mean of the unweighted values over many completions (for metrics), in first-seen order,
    /// plus "total" for the mean total.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Means(IReadOnlyCollection<RewardTerms> rewards)
    {
        var sums = new Dictionary<string, (double Sum, int Count)>();
        var order = new List<string>();
        foreach (var reward in rewards)
            foreach (var term in reward.terms)
            {
                if (!sums.TryGetValue(term.Name, out var sum)) order.Add(term.Name);
                sums[term.Name] = (sum.Sum + term.Value, sum.Count + 1);
            }
        var means = order.Select(name => KeyValuePair.Create(name, sums[name].Sum / sums[name].Count)).ToList();
        means.Add(KeyValuePair.Create("total", rewards.Count == 0 ? 0.0 : rewards.Average(r => r.Total)));
        return means;
    }
}
