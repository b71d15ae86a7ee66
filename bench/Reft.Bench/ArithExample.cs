using System.Runtime.CompilerServices;
using Reft.Compiler;
using Reft.Compiler.Plan;
using Reft.Language;
using Reft.Runtime.Data;
using Reft.Runtime.Rollout;
using Reft.Runtime.Text;
using ClipRange = Reft.Runtime.Algorithms.ClipRange;
using RuntimeAdvantageScale = Reft.Runtime.Algorithms.AdvantageScale;
using RuntimeModelConfig = Reft.Runtime.Models.ModelConfig;
using RuntimeSkipSelection = Reft.Runtime.Algorithms.SkipSelection;
using SkipAmount = Reft.Runtime.Algorithms.SkipAmount;
using SkipResample = Reft.Runtime.Algorithms.SkipResample;
using SkipRule = Reft.Runtime.Algorithms.SkipRule;

namespace Reft.Bench;

/// <summary>
/// The default example, examples/arith.reft, compiled with the compiler: the settings the nested
/// and DASH benchmarks (and the learner's model shape) take from its plan, so they measure what
/// the example runs even after it is retuned. Mirrors what the emitter generates for these knobs.
/// </summary>
public sealed class ArithExample
{
    public const string RelativePath = "examples/arith.reft";

    private readonly PromptPlan prompt;

    private ArithExample(TrainingPlan plan)
    {
        var rl = plan.Stages.OfType<RlStagePlan>().FirstOrDefault() ?? throw new InvalidOperationException($"{RelativePath} has no rl stage");
        var sample = rl.Sample;
        if (plan.Policy.Tokenizer.Kind != TokenizerKind.Chars) throw new NotSupportedException($"{RelativePath}: the benchmarks expect the chars tokenizer");
        if (plan.Prompt.Kind != PromptKind.Plain) throw new NotSupportedException($"{RelativePath}: the benchmarks expect a plain prompt");
        var data = plan.Dataset(sample.Dataset).Source as ArithmeticSource
            ?? throw new NotSupportedException($"{RelativePath}: the benchmarks expect the rl stage to read an arithmetic data set");

        Seed = plan.Seed;
        Model = RuntimeConfig(plan.Policy.Config);
        Tokenizer = TokenizerLoader.Load("chars");
        Train = new ArithmeticDataset(data.MinDigits, data.MaxDigits, data.Operators, data.Count, (ulong)data.Seed);
        DataDescription = $"{data.MinDigits}..{data.MaxDigits} digits, ops \"{data.Operators}\"";
        prompt = plan.Prompt;
        Prompts = sample.BatchPrompts;
        Group = sample.Group;
        SampleChunkPrompts = sample.SampleChunkPrompts;
        MicroPrompts = rl.Loss.MicroPrompts;
        MaxPromptTokens = sample.Sampling.MaxPromptTokens;
        Sampling = new SamplingOptions
        {
            Temperature = sample.Sampling.Temperature, TopP = sample.Sampling.TopP, TopK = sample.Sampling.TopK,
            MaxNewTokens = sample.Sampling.MaxTokens, Stop = [.. sample.Sampling.Stop],
        };
        if (sample.Behaviour is NestedBehaviour nested)
        {
            Skip = SkipRuleOf(nested.Skip);
            SkipEvery = nested.Every == SkipRedraw.Step ? SkipResample.PerStep : SkipResample.PerBatch;
            var count = nested.Skip.MinLayers == nested.Skip.MaxLayers ? $"{nested.Skip.MinLayers}" : $"{nested.Skip.MinLayers}..{nested.Skip.MaxLayers}";
            SkipDescription = $"{nested.Skip.Selection.ToString().ToLowerInvariant()} {count} layers, keep first {nested.Skip.KeepFirst} / last {nested.Skip.KeepLast}, "
                + $"new set per {nested.Every.ToString().ToLowerInvariant()}";
        }
        FilterThreshold = rl.Filter.Gradient?.AbsAdvantageAbove;
        AdvantageScale = rl.Advantage.Scale switch
        {
            Reft.Compiler.Plan.AdvantageScale.None => RuntimeAdvantageScale.None,
            Reft.Compiler.Plan.AdvantageScale.BatchStd => RuntimeAdvantageScale.BatchStd,
            _ => RuntimeAdvantageScale.Std,
        };
        Clip = new ClipRange(rl.Loss.Clip.Low, rl.Loss.Clip.High, rl.Loss.Clip.DualClip);
        Reward = ArithReward.From(plan);
        var sft = plan.Stages.OfType<SftStagePlan>().FirstOrDefault();
        (WarmupSteps, WarmupPrompts, WarmupLearningRate, WarmupSequenceTokens) = sft is null
            ? (0, 1, 0.0, Model.MaxPositionEmbeddings)
            : (sft.Steps, sft.Batch.BatchPrompts, sft.Update.Optimizer.Lr, sft.Batch.MaxSequenceTokens);
    }

    public int Seed { get; }

    public RuntimeModelConfig Model { get; }

    public ITokenizer Tokenizer { get; }

    /// <summary>The rl stage's data set.</summary>
    public ArithmeticDataset Train { get; }

    public string DataDescription { get; }

    /// <summary>Prompts per optimizer step and completions per prompt.</summary>
    public int Prompts { get; }

    public int Group { get; }

    /// <summary>Prompts per sampling call (DASH preemptive sampling when equal to <see cref="Prompts"/>).</summary>
    public int SampleChunkPrompts { get; }

    /// <summary>Prompts per backprop micro-batch.</summary>
    public int MicroPrompts { get; }

    public int MaxPromptTokens { get; }

    public SamplingOptions Sampling { get; }

    /// <summary>
    /// The Nested-ReFT behaviour's skip rule; null when the rl stage samples from the full model.
    /// A delay before skipping starts is left out: the benchmarks measure the skipping steps.
    /// </summary>
    public SkipRule? Skip { get; }

    public SkipResample SkipEvery { get; }

    public string SkipDescription { get; } = "none (full model)";

    /// <summary>DASH gradient filter |A| &gt; threshold; null when the stage filters nothing (or by another predicate).</summary>
    public double? FilterThreshold { get; }

    public RuntimeAdvantageScale AdvantageScale { get; }

    public ClipRange Clip { get; }

    public ArithReward Reward { get; }

    /// <summary>The supervised warm-up's steps, batch, learning rate and sequence limit (the first sft stage; 0 steps without one).</summary>
    public int WarmupSteps { get; }

    public int WarmupPrompts { get; }

    public double WarmupLearningRate { get; }

    public int WarmupSequenceTokens { get; }

    public static ArithExample Load()
    {
        var path = Path.Combine(RepositoryRoot(), RelativePath);
        var result = ReftCompiler.Compile(SourceText.Load(path));
        if (result.Plan is null)
        {
            throw new InvalidOperationException($"{RelativePath} does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.IsError)));
        }
        return new ArithExample(result.Plan);
    }

    /// <summary>The example's prompt template filled from a row.</summary>
    public string PromptText(Example row) =>
        string.Concat(prompt.User.Select(segment => segment switch
        {
            PromptLiteral literal => literal.Text,
            PromptHole hole => row[hole.Field],
            _ => throw new NotSupportedException(segment.ToString()),
        }));

    /// <summary>Rollout prompts for these rows, truncated as the example truncates them.</summary>
    public List<RolloutPrompt> EncodePrompts(IEnumerable<Example> rows) =>
        rows.Select((row, i) => Reft.Runtime.Pipeline.PromptEncoding.Encode(Tokenizer, i, PromptText(row), MaxPromptTokens)).ToList();


    private static SkipRule SkipRuleOf(SkipPlan skip)
    {
        SkipAmount amount = skip.MinLayers == skip.MaxLayers ? new SkipAmount.Count(skip.MinLayers) : new SkipAmount.Range(skip.MinLayers, skip.MaxLayers);
        RuntimeSkipSelection selection = skip.Selection switch
        {
            SkipSelection.Contiguous => new RuntimeSkipSelection.Contiguous(),
            SkipSelection.Fixed => new RuntimeSkipSelection.Fixed([.. skip.FixedLayers]),
            _ => new RuntimeSkipSelection.Uniform(),
        };
        return new SkipRule(amount, selection, skip.KeepFirst, skip.KeepLast);
    }

    private static RuntimeModelConfig RuntimeConfig(ModelConfig config) => new()
    {
        ModelType = RuntimeModelConfig.Llama, VocabSize = config.Vocab, HiddenSize = config.Hidden, IntermediateSize = config.Intermediate,
        NumLayers = config.Layers, NumHeads = config.Heads, NumKvHeads = config.KvHeads, HeadDim = config.HeadDim, RmsNormEps = config.NormEpsilon,
        RopeTheta = config.RopeTheta, MaxPositionEmbeddings = config.Context, TieWordEmbeddings = config.TieEmbeddings, QkvBias = config.AttentionBias,
    };

    // The build may put the binary outside the repository (--artifacts-path), so fall back to
    // this source file's own location.
    public static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile)! })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, RelativePath))) return directory.FullName;
            }
        }
        throw new FileNotFoundException($"{RelativePath} not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}");
    }
}
