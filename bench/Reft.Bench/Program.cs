using System.Reflection;
using Reft.Bench;

// Usage: Reft.Bench [--quick] [name ...]   (no name: run all; `list`: show the names)
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args is ["list"])
{
    foreach (var b in benchmarks) Console.WriteLine($"{b.Name,-20} {b.Description}");
    return 0;
}

var options = new BenchOptions(Quick: args.Contains(BenchOptions.QuickFlag));
var names = args.Where(a => a != BenchOptions.QuickFlag).ToList();
var unknown = names.Where(a => benchmarks.All(b => b.Name != a)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"error: unknown benchmark {string.Join(", ", unknown)}; known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

var load = MachineLoad.Start();
var headlines = new List<Headline>();
foreach (var benchmark in benchmarks.Where(b => names.Count == 0 || names.Contains(b.Name)))
{
    Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
    headlines.AddRange(benchmark.Run(options));
    Console.WriteLine();
}

Console.WriteLine(options.Quick ? "== summary (--quick: a smoke run, the numbers are not measurements)" : "== summary");
Console.WriteLine(load.Describe());
SummaryTable.Print(headlines, Console.Out);
return 0;
