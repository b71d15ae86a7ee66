namespace Reft.Bench;

/// <summary>
/// Command-line options shared by the benchmarks. <c>--quick</c> runs each benchmark with the
/// fewest rounds and steps that still exercise all of its code: a check that it works, not a
/// measurement (the numbers are noisy).
/// </summary>
public sealed record BenchOptions(bool Quick)
{
    public const string QuickFlag = "--quick";

    /// <summary><paramref name="full"/> normally, <paramref name="quick"/> under --quick.</summary>
    public int Pick(int full, int quick) => Quick ? quick : full;
}
