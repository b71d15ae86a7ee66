using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Reft.Runtime.Tests.Torch;

/// <summary>Every exported shim function must run inside REFT_GUARD so no C++ exception reaches .NET.</summary>
public class NativeGuardTests
{
    // reft_last_error reports the guard's findings; it cannot throw and must not clear itself.
    private static readonly HashSet<string> Unguarded = ["reft_last_error"];

    private static readonly Regex Export = new(@"REFT_EXPORT\s+[^;{]*?\b(reft_\w+)\s*\(", RegexOptions.Compiled);

    /// <summary>Names of exported functions whose body is not exactly one REFT_GUARD(...).</summary>
    internal static List<string> UnguardedExports(string source, out int exports)
    {
        var offenders = new List<string>();
        exports = 0;
        foreach (Match match in Export.Matches(source))
        {
            exports++;
            var open = source.IndexOf('{', match.Index);
            var depth = 0;
            var close = open;
            for (; close < source.Length; close++)
            {
                if (source[close] == '{') depth++;
                else if (source[close] == '}' && --depth == 0) break;
            }
            var body = source[(open + 1)..close].Trim();
            var guarded = body.StartsWith("REFT_GUARD(", StringComparison.Ordinal) && body.EndsWith(')') && ClosesAtEnd(body);
            if (!guarded && !Unguarded.Contains(match.Groups[1].Value)) offenders.Add(match.Groups[1].Value);
        }
        return offenders;
    }

    // The parenthesis opened by REFT_GUARD( must be the one that ends the body.
    private static bool ClosesAtEnd(string body)
    {
        var depth = 0;
        for (var i = "REFT_GUARD".Length; i < body.Length; i++)
        {
            if (body[i] == '(') depth++;
            else if (body[i] == ')' && --depth == 0) return i == body.Length - 1;
        }
        return false;
    }

    // Builds may put the test binaries outside the checkout, so start from this source file.
    private static string NativeDirectory([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(thisFile)!, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "reft.slnx"))) return Path.Combine(dir.FullName, "src", "Runtime", "Native");
        throw new InvalidOperationException("reft.slnx not found above " + thisFile);
    }

    [Fact]
    public void EveryExportedFunctionBodyIsWrappedInTheGuard()
    {
        var total = 0;
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(NativeDirectory(), "*.cpp"))
        {
            offenders.AddRange(UnguardedExports(File.ReadAllText(file), out var exports).Select(name => $"{Path.GetFileName(file)}: {name}"));
            total += exports;
        }
        Assert.True(total >= 100, $"found only {total} exports; is the scanner reading the shim?");
        Assert.Empty(offenders);
    }

    [Fact]
    public void TheScannerCatchesUnguardedAndHalfGuardedBodies()
    {
        const string source = """
            REFT_EXPORT reft_tensor reft_a_ok(reft_tensor t) { REFT_GUARD(return reft_wrap(t->exp());) }
            REFT_EXPORT reft_tensor reft_a_bare(reft_tensor t) { return reft_wrap(t->exp()); }
            REFT_EXPORT void reft_a_after(reft_tensor t) { REFT_GUARD(t->zero_();) t->exp(); }
            REFT_EXPORT void reft_a_before(reft_tensor t) {
              t->exp();
              REFT_GUARD(t->zero_();)
            }
            """;
        Assert.Equal(["reft_a_bare", "reft_a_after", "reft_a_before"], UnguardedExports(source, out var exports));
        Assert.Equal(4, exports);
    }
}
