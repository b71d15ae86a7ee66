using Reft.Runtime.Training.Metrics;

namespace Reft.Runtime.Training.Progress;

/// <summary>What the progress display shows, computed from the steps of the current stage that ran
/// in this process (so a resume does not count the interrupted run's time in the ETA).</summary>
public sealed class ProgressState
{
    private double _stepSeconds;
    private double _samplingSeconds;
    private double _backpropSeconds;
    private int _stepsTimed;

    public string Stage { get; private set; } = "";

    public int TotalSteps { get; private set; }

    public StepMetrics? Last { get; private set; }

    public int Step => Last?.Step ?? 0;

    public void StartStage(string stage, int totalSteps)
    {
        Stage = stage;
        TotalSteps = totalSteps;
        Last = null;
        _stepSeconds = _samplingSeconds = _backpropSeconds = 0;
        _stepsTimed = 0;
    }

    public void Record(StepMetrics metrics)
    {
        Last = metrics;
        _stepSeconds += metrics.Time.Total;
        _samplingSeconds += metrics.Time.Sampling;
        _backpropSeconds += metrics.Time.Backprop;
        _stepsTimed++;
    }

    public double Fraction => TotalSteps == 0 ? 0 : Math.Clamp((double)Step / TotalSteps, 0, 1);

    /// <summary>Remaining steps times the mean step time so far; null before the first step.</summary>
    public TimeSpan? Eta => _stepsTimed == 0 ? null : TimeSpan.FromSeconds(_stepSeconds / _stepsTimed * Math.Max(0, TotalSteps - Step));

    public double SamplingShare => _stepSeconds > 0 ? _samplingSeconds / _stepSeconds : 0;

    public double BackpropShare => _stepSeconds > 0 ? _backpropSeconds / _stepSeconds : 0;

    /// <summary>One line: "rl  step 37/150  25%  ETA 2 minutes  reward 0.613  ...".</summary>
    public string Line()
    {
        var parts = new List<string>
        {
            Stage,
            $"step {Step}/{TotalSteps}",
            HumanFormat.Percent(Fraction),
            "ETA " + (Eta is { } eta ? HumanFormat.Duration(eta) : "–"),
        };
        if (Last is { } last)
        {
            if (last.RewardMean is not null) parts.Add("reward " + HumanFormat.Score(last.RewardMean));
            if (last.Accuracy is not null) parts.Add("accuracy " + HumanFormat.Score(last.Accuracy));
            if (last.Loss is not null) parts.Add("loss " + HumanFormat.Score(last.Loss));
            if (last.RolloutTokensPerSecond is not null) parts.Add("rollout tok/s " + HumanFormat.Quantity(last.RolloutTokensPerSecond));
            if (last.LearnerTokensPerSecond is not null) parts.Add("learner tok/s " + HumanFormat.Quantity(last.LearnerTokensPerSecond));
            parts.Add($"sampling {HumanFormat.Percent(SamplingShare)} / backprop {HumanFormat.Percent(BackpropShare)}");
            if (last.EvalScore is not null) parts.Add($"eval {last.EvalMetric} {HumanFormat.Score(last.EvalScore)}");
        }
        return string.Join("  ", parts);
    }
}
