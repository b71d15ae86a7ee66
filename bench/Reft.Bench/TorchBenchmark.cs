using System.Diagnostics;
using System.Globalization;
using Reft.Runtime.Torch;

namespace Reft.Bench;

/// <summary>The shim against PyTorch on the same libtorch: matmul throughput and per-op overhead.</summary>
public sealed class TorchBenchmark : IBenchmark
{
    private static readonly int[] Sizes = [256, 1024, 2048];

    public string Name => "torch";

    public string Description => "float32 matmul GFLOP/s (256/1024/2048) and tiny-op overhead, shim vs PyTorch";

    public IReadOnlyList<Headline> Run(BenchOptions options)
    {
        // Alternating rounds and keeping each side's best lets both see the same quiet moments of
        // a shared machine.
        var shim = new Dictionary<string, double>();
        var python = new Dictionary<string, double>();
        var windows = options.Pick(5, 1);
        for (var round = 0; round < options.Pick(2, 1); round++)
        {
            foreach (var n in Sizes) KeepBest(shim, MatmulName(n), MatmulGflops(n, windows));
            KeepBest(shim, TinyOpName, TinyOpMicroseconds(windows));
            foreach (var (name, value) in PyTorch(windows)) KeepBest(python, name, value);
        }

        Console.WriteLine($"threads: {torch.get_num_threads()}, cuda: {torch.cuda.is_available()}");
        Console.WriteLine($"{"measure",-22}{"shim",12}{"pytorch",12}{"shim/pytorch",14}");
        foreach (var (name, value) in shim)
        {
            var other = python.TryGetValue(name, out var v) ? v : double.NaN;
            Console.WriteLine($"{name,-22}{value,12:F3}{other,12:F3}{value / other,14:F3}");
        }
        Console.WriteLine($"(GFLOP/s: higher is better, target ratio >= {MatmulTarget}; tiny_op_us: lower is better, target ratio <= {TinyOpTarget})");

        var headlines = new List<Headline>();
        foreach (var n in Sizes)
        {
            var (value, ratio) = Compare(shim, python, MatmulName(n));
            headlines.Add(Headline.AtLeast(Name, $"matmul {n} GFLOP/s shim/PyTorch", value, ratio, MatmulTarget));
        }
        var (tinyValue, tinyRatio) = Compare(shim, python, TinyOpName);
        headlines.Add(Headline.AtMost(Name, "tiny-op us shim/PyTorch", tinyValue, tinyRatio, TinyOpTarget));
        return headlines;
    }

    private const double MatmulTarget = 0.9, TinyOpTarget = 1.0;
    private const string TinyOpName = "tiny_op_us";

    private static string MatmulName(int n) => $"matmul_{n}_gflops";

    /// <summary>"shim vs PyTorch" and their ratio (NaN without PyTorch).</summary>
    private static (string Value, double Ratio) Compare(Dictionary<string, double> shim, Dictionary<string, double> python, string name)
    {
        var ours = shim[name];
        var theirs = python.TryGetValue(name, out var value) ? value : double.NaN;
        return ($"{ours:F2} vs {theirs:F2}", ours / theirs);
    }

    private static void KeepBest(Dictionary<string, double> results, string name, double value)
    {
        var lowerIsBetter = name.EndsWith("_us", StringComparison.Ordinal);
        if (!results.TryGetValue(name, out var old) || (lowerIsBetter ? value < old : value > old)) results[name] = value;
    }

    // Best of several short windows (as in torch_matmul.py), so a busy machine distorts less.
    private static double MatmulGflops(int n, int windows, double seconds = 0.3)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.randn([n, n]);
        var b = torch.randn([n, n]);
        a.matmul(b).Dispose();
        var best = 0.0;
        for (var window = 0; window < windows; window++)
        {
            var iterations = 0;
            var clock = Stopwatch.StartNew();
            do
            {
                a.matmul(b).Dispose();
                iterations++;
            } while (clock.Elapsed.TotalSeconds < seconds);
            best = Math.Max(best, 2.0 * n * n * (double)n * iterations / clock.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    private static double TinyOpMicroseconds(int windows, int count = 20_000)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([1]);
        var y = torch.ones([1]);
        for (var i = 0; i < 1000; i++) x.add(y).Dispose();
        var best = double.MaxValue;
        for (var window = 0; window < windows; window++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) x.add(y).Dispose();
            best = Math.Min(best, clock.Elapsed.TotalMicroseconds / count);
        }
        return best;
    }

    private static Dictionary<string, double> PyTorch(int windows)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "torch_matmul.py");
        var result = new Dictionary<string, double>();
        if (!File.Exists("/usr/bin/python3") || !File.Exists(script))
        {
            Console.WriteLine("pytorch: /usr/bin/python3 or torch_matmul.py missing; PyTorch column left empty");
            return result;
        }
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, $"{windows}"]) { RedirectStandardOutput = true })!;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var value)) result[parts[0]] = value;
        }
        process.WaitForExit();
        return result;
    }
}
