using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Reft.Runtime.Algorithms;
using Reft.Runtime.Models;
using Reft.Runtime.Torch;

namespace Reft.Bench;

/// <summary>
/// Learner: forward + backward tokens/s of the default example's model (6 layers, dim 128, 4 heads,
/// SwiGLU 512, vocab 128) on a batch of 64 x 64 tokens through our runtime, against the same model
/// and batch in PyTorch eager (bench/learner_torch.py under /usr/bin/python3), same thread count.
/// </summary>
public sealed class LearnerBenchmark : IBenchmark
{
    private const int Layers = 6, Dim = 128, Heads = 4, Intermediate = 512, Vocab = 128, Batch = 64, Sequence = 64, Iterations = 5, Warmup = 2;

    public string Name => "learner";

    public string Description => "learner forward+backward tokens/s: our runtime vs PyTorch eager on the same model and batch";

    public void Run()
    {
        var device = torch.cuda.is_available() ? Device.CUDA : Device.CPU;
        var threads = torch.get_num_threads();
        var ours = Ours(device);
        var pytorch = device == Device.CPU ? PyTorch(threads) : null;
        Console.WriteLine($"device {device}, {threads} threads; {Layers} layers, dim {Dim}, batch {Batch} x {Sequence} tokens, mean of {Iterations} iterations after {Warmup} warm-up");
        Console.WriteLine($"{"learner (forward + backward)",-34}{"tokens/s",12}{"ratio",10}");
        Console.WriteLine($"{"PyTorch eager",-34}{(pytorch is { } p ? p.ToString("F0", CultureInfo.InvariantCulture) : "–"),12}{(pytorch is null ? "" : "1.00"),10}");
        Console.WriteLine($"{"reft runtime",-34}{ours,12:F0}{(pytorch is { } q ? (ours / q).ToString("F2", CultureInfo.InvariantCulture) : "–"),10}");
    }

    private static double Ours(Device device)
    {
        var config = new ModelConfig
        {
            ModelType = ModelConfig.Llama, VocabSize = Vocab, HiddenSize = Dim, IntermediateSize = Intermediate, NumLayers = Layers,
            NumHeads = Heads, NumKvHeads = Heads, HeadDim = Dim / Heads, MaxPositionEmbeddings = Sequence, RmsNormEps = 1e-6,
        };
        using var model = Transformer.Create(config, seed: 0, device: device);
        using var optimizer = torch.optim.AdamW(model.Parameters, lr: 1e-4);
        using var generator = new Generator(0);
        using var tokens = torch.randint(0, Vocab, [Batch, Sequence], generator: generator).to(device).DetachFromDisposeScope();
        using var targets = torch.randint(0, Vocab, [Batch, Sequence], generator: generator).to(device).DetachFromDisposeScope();
        void Step()
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var logits = model.Forward(tokens);
            SftLoss.PerToken(logits, targets).mean().backward();
            torch.cuda.synchronize();
        }
        for (var i = 0; i < Warmup; i++) Step();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++) Step();
        return Batch * Sequence * Iterations / watch.Elapsed.TotalSeconds;
    }

    private static double? PyTorch(int threads)
    {
        var script = new[] { Path.Combine(AppContext.BaseDirectory, "learner_torch.py"), Path.Combine("bench", "learner_torch.py") }.FirstOrDefault(File.Exists);
        if (!File.Exists("/usr/bin/python3") || script is null)
        {
            Console.WriteLine("pytorch: /usr/bin/python3 or bench/learner_torch.py missing; PyTorch row left empty");
            return null;
        }
        var arguments = new[]
        {
            script, "--layers", $"{Layers}", "--dim", $"{Dim}", "--heads", $"{Heads}", "--kv-heads", $"{Heads}", "--intermediate", $"{Intermediate}",
            "--vocab", $"{Vocab}", "--batch", $"{Batch}", "--seq", $"{Sequence}", "--iters", $"{Iterations}", "--warmup", $"{Warmup}", "--threads", $"{threads}",
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
