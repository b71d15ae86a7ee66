using System.CommandLine;
using System.Text.RegularExpressions;

namespace Reft.Cli.Commands;

/// <summary><c>reftc new NAME</c>: writes a starter spec that checks, builds and trains on a CPU in a minute or two.</summary>
public static partial class NewCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The pipeline's name: letters, digits and '_', starting with a letter; the spec is written to NAME.reft" };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "The folder to write NAME.reft into (default: the current folder)" };
        var command = new Command("new", "Write a starter spec: a tiny model, synthetic arithmetic data, a warm-up and an RL stage") { name, output };
        command.SetAction(parse => Execute(
            parse.GetRequiredValue(name),
            parse.GetValue(output)?.FullName ?? Directory.GetCurrentDirectory(),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Execute(string name, string folder, TextWriter output, TextWriter error)
    {
        if (!Identifier().IsMatch(name))
        {
            error.WriteLine($"error: '{name}' is not a pipeline name; use letters, digits and '_', starting with a letter (e.g. my_pipeline)");
            return ReftCli.UsageError;
        }
        var path = Path.Combine(folder, name + ".reft");
        if (File.Exists(path))
        {
            error.WriteLine($"{path}: error: the file exists already; pick another name or delete the file");
            return ReftCli.Failure;
        }
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, StarterSpec(name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path}: error: cannot write the spec ({e.Message}); check the folder exists and is writable");
            return ReftCli.Failure;
        }
        output.WriteLine($"wrote {path}; try `reftc check {path}`, then `reftc run {path}`");
        return ReftCli.Success;
    }

    /// <summary>The starter spec: every line is a knob a first user is likely to change.</summary>
    public static string StarterSpec(string name) => $$"""
        // {{name}}: a tiny model learns to add and subtract. Change the model, data, rewards and
        // stages below; `reftc check {{name}}.reft` explains every mistake, `reftc run` trains.
        pipeline {{name}} {
          seed: 1
          device: auto

          model policy {
            init: tiny(layers: 2, dim: 64, heads: 2, context: 32 tokens)
            tokenizer: chars
          }

          dataset train = arithmetic(digits: 1..2, ops: "+-", count: 2000)
          dataset test  = arithmetic(digits: 1..2, ops: "+-", count: 100, seed: 2)

          prompt: "{question}="

          reward correct = number(completion) == number(answer)

          stage warmup: sft {
            data: train
            steps: 50
            batch: 32 prompts
            optimizer: adamw(lr: 1e-3, warmup: 5 steps)
          }

          stage rl: rl {
            data: train
            steps: 20
            batch: 8 prompts
            group: 4 completions
            sampling: { temperature: 1.0, max_tokens: 6 tokens }
            objective: grpo
            optimizer: adamw(lr: 1e-4, grad_clip: 1.0)
            eval: every(10 steps, on: test, metric: mean(correct))
          }
        }

        """;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
