namespace Reft.Compiler.Emit;

/// <summary>Fully qualified runtime names the generated code uses, in one place.</summary>
internal static class Names
{
    public const string Runtime = "global::Reft.Runtime";
    public const string Pipeline = Runtime + ".Pipeline";
    public const string CompiledPipeline = Pipeline + ".ICompiledPipeline";
    public const string RunOptions = Pipeline + ".RunOptions";
    public const string RunSummary = Pipeline + ".RunSummary";
    public const string PipelineRun = Pipeline + ".PipelineRun";
    public const string PipelineIdentity = Pipeline + ".PipelineIdentity";
    public const string Torch = Runtime + ".Torch.torch";
    public const string Tensor = Runtime + ".Torch.Tensor";
    public const string Algorithms = Runtime + ".Algorithms";
    public const string Data = Runtime + ".Data";
    public const string Dataset = Data + ".IDataset";
    public const string Example = Data + ".Example";
    public const string Tokenizer = Runtime + ".Text.ITokenizer";
    public const string Training = Runtime + ".Training";
    public const string StepMetrics = Training + ".Metrics.StepMetrics";
    public const string Phase = Training + ".Phase";
    public const string Models = Runtime + ".Models";
    public const string Rollout = Runtime + ".Rollout";
}
