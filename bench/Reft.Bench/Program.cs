using System.Reflection;
using Reft.Bench;

// Usage: Reft.Bench [name ...]   (no name: run all; `list`: show the names)
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

var unknown = args.Where(a => benchmarks.All(b => b.Name != a)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"error: unknown benchmark {string.Join(", ", unknown)}; known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

foreach (var benchmark in benchmarks.Where(b => args.Length == 0 || args.Contains(b.Name)))
{
    Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
    benchmark.Run();
}
return 0;
