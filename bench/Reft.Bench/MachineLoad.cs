using System.Diagnostics;
using System.Globalization;

namespace Reft.Bench;

/// <summary>
/// How much of the machine other processes used while the benchmarks ran, printed with the summary: on a
/// busy machine libtorch's multi-threaded ops wait for descheduled threads and the timings scatter (see
/// RolloutBenchmark). The load average cannot tell: the benchmarks' own threads, and a job that ended a
/// minute ago, both raise it.
/// </summary>
public sealed class MachineLoad
{
    /// <summary>Above this share of all cores used by others, the summary says the timings are noisy.</summary>
    private const double NoisyShare = 0.10;

    private readonly long startBusy = BusyTicks();
    private readonly long startOwn = OwnTicks();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public static MachineLoad Start() => new();

    public string Describe()
    {
        var cores = Environment.ProcessorCount;
        if (startBusy < 0 || startOwn < 0) return $"{cores} cores";
        var capacity = clock.Elapsed.TotalSeconds * TicksPerSecond * cores;
        var others = Math.Max(0, (BusyTicks() - startBusy) - (OwnTicks() - startOwn)) / capacity;
        var verdict = others > NoisyShare ? "; the timings are noisy" : "";
        return $"other processes used {others:P0} of {cores} cores during the run{verdict}";
    }

    /// <summary>USER_HZ: the unit of /proc's CPU times on Linux.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Non-idle CPU time of the whole machine (user, nice, system, irq, softirq, steal), -1 without /proc.</summary>
    private static long BusyTicks()
    {
        if (!File.Exists("/proc/stat")) return -1;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
    }

    /// <summary>CPU time of this process and the children it waited for (the PyTorch reference scripts), -1 without /proc.</summary>
    private static long OwnTicks()
    {
        if (!File.Exists("/proc/self/stat")) return -1;
        var stat = File.ReadAllText("/proc/self/stat");
        // Fields after the command name, which is in parentheses and may hold spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
    }
}
