using Reft.Compiler.Tests.Support;
using Reft.Tests.Shared;

namespace Reft.Compiler.Tests.Baselines;

/// <summary>Compiler baselines live under tests/Compiler.Tests/Baselines/Expected; see <see cref="BaselineFile"/>.</summary>
public static class Baseline
{
    private static string ExpectedDirectory => Path.Combine(Specs.RepoRoot, "tests", "Compiler.Tests", "Baselines", "Expected");

    public static void Verify(string name, string actual) => BaselineFile.Match(Path.Combine(ExpectedDirectory, name), actual);
}
