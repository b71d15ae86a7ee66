using System.Globalization;

namespace Reft.Bench;

/// <summary>
/// The machine's load beside its cores, printed with the summary: on a busy machine libtorch's
/// multi-threaded ops wait for descheduled threads, and the timings scatter (see RolloutBenchmark).
/// </summary>
public static class MachineLoad
{
    public static string Describe()
    {
        var cores = Environment.ProcessorCount;
        if (!File.Exists("/proc/loadavg")) return $"{cores} cores";
        var oneMinute = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        // This process itself keeps about one core busy.
        var busy = oneMinute > cores + 0.5 ? "; other work shares the cores, so the timings are noisy" : "";
        return $"load average {oneMinute:F1} on {cores} cores{busy}";
    }
}
