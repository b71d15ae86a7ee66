using System.Diagnostics;
using Reft.Runtime.Training.Metrics;

namespace Reft.Runtime.Training;

public enum Phase
{
    Sampling,
    Scoring,
    Backprop,
    Optimizer,
}

/// <summary>Splits the wall time of a step into phases: <c>using (timer.Measure(Phase.Sampling)) { ... }</c>.
/// Time in no phase counts only toward the total.</summary>
public sealed class StepTimer
{
    private readonly double[] _seconds = new double[4];
    private long _stepStart = Stopwatch.GetTimestamp();

    /// <summary>Starts timing a new step and forgets the previous one.</summary>
    public void Restart()
    {
        Array.Clear(_seconds);
        _stepStart = Stopwatch.GetTimestamp();
    }

    public PhaseMeasurement Measure(Phase phase) => new(this, phase, Stopwatch.GetTimestamp());

    /// <summary>Adds time measured elsewhere (e.g. by a sampler that reports its own duration).</summary>
    public void Add(Phase phase, double seconds) => _seconds[(int)phase] += seconds;

    /// <summary>The split of the current step so far.</summary>
    public PhaseTimes Elapsed() => new(
        _seconds[(int)Phase.Sampling],
        _seconds[(int)Phase.Scoring],
        _seconds[(int)Phase.Backprop],
        _seconds[(int)Phase.Optimizer],
        Stopwatch.GetElapsedTime(_stepStart).TotalSeconds);

    public readonly struct PhaseMeasurement(StepTimer timer, Phase phase, long start) : IDisposable
    {
        public void Dispose() => timer.Add(phase, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}
