using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Reft.Runtime.Algorithms;
using Reft.Runtime.Models;
using Reft.Runtime.Torch;

namespace Reft.Bench;

/// <summary>
/// Learner: forward + backward tokens/s of the default example's model (layers, dim, heads, SwiGLU
/// width and vocabulary read from examples/arith.reft) on a batch of 64 x 64 tokens through our
/// runtime, against the same model and batch in PyTorch eager (bench/learner_torch.py under
/// /usr/bin/python3), same thread count.
/// </summary>
public sealed class LearnerBenchmark : IBenchmark
{
    private const int Batch = 64, Sequence = 64;

    public string Name => "learner";

    public string Description => "learner forward+backward tokens/s: our runtime vs PyTorch eager on the same model and batch";

    public IReadOnlyList<Headline> Run(BenchOptions options)
    {
        var shape = ArithExample.Load().Model with { MaxPositionEmbeddings = Sequence };
        var (iterations, warmup) = (options.Pick(5, 1), options.Pick(2, 1));
        var device = torch.cuda.is_available() ? Device.CUDA : Device.CPU;
        var threads = torch.get_num_threads();
        var ours = Ours(shape, device, iterations, warmup);
        var pytorch = device == Device.CPU ? PyTorch(shape, threads, iterations, warmup) : null;
        Console.WriteLine($"device {device}, {threads} threads; {shape.NumLayers} layers, dim {shape.HiddenSize}, batch {Batch} x {Sequence} tokens, "
            + $"mean of {iterations} iterations after {warmup} warm-up");
        Console.WriteLine($"{"learner (forward + backward)",-34}{"tokens/s",12}{"ratio",10}");
        Console.WriteLine($"{"PyTorch eager",-34}{(pytorch is { } p ? p.ToString("F0", CultureInfo.InvariantCulture) : "–"),12}{(pytorch is null ? "" : "1.00"),10}");
        Console.WriteLine($"{"reft runtime",-34}{ours,12:F0}{(pytorch is { } q ? (ours / q).ToString("F2", CultureInfo.InvariantCulture) : "–"),10}");
        var reference = pytorch ?? double.NaN;
        return [new Headline(Name, "fwd+bwd tok/s, ours vs PyTorch eager", $"{ours:F0} vs {reference:F0}", ours / reference)];
    }

    private static double Ours(ModelConfig config, Device device, int iterations, int warmup)
    {
        using var model = Transformer.Create(config, seed: 0, device: device);
        using var optimizer = torch.optim.AdamW(model.Parameters, lr: 1e-4);
        using var generator = new Generator(0);
        using var tokens = torch.randint(0, config.VocabSize, [Batch, Sequence], generator: generator).to(device).DetachFromDisposeScope();
        using var targets = torch.randint(0, config.VocabSize, [Batch, Sequence], generator: generator).to(device).DetachFromDisposeScope();
        void Step()
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var logits = model.Forward(tokens);
            SftLoss.PerToken(logits, targets).mean().backward();
            torch.cuda.synchronize();
        }
        for (var i = 0; i < warmup; i++) Step();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) Step();
        return Batch * Sequence * iterations / watch.Elapsed.TotalSeconds;
    }

    private static double? PyTorch(ModelConfig config, int threads, int iterations, int warmup)
    {
        var script = new[] { Path.Combine(AppContext.BaseDirectory, "learner_torch.py"), Path.Combine("bench", "learner_torch.py") }.FirstOrDefault(File.Exists);
        if (!File.Exists("/usr/bin/python3") || script is null)
        {
            Console.WriteLine("pytorch: /usr/bin/python3 or bench/learner_torch.py missing; PyTorch row left empty");
            return null;
        }
        var arguments = new[]
        {
            script, "--layers", $"{config.NumLayers}", "--dim", $"{config.HiddenSize}", "--heads", $"{config.NumHeads}", "--kv-heads", $"{config.NumKvHeads}",
            "--intermediate", $"{config.IntermediateSize}", "--vocab", $"{config.VocabSize}", "--batch", $"{Batch}", "--seq", $"{Sequence}",
            "--iters", $"{iterations}", "--warmup", $"{warmup}", "--threads", $"{threads}",
        };
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"pytorch: learner_torch.py failed ({error.Trim().Split('\n').LastOrDefault()}); PyTorch row left empty");
            return null;
        }
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("tokens_per_s").GetDouble();
    }
}
