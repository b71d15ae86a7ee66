using System.Globalization;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Emit;

/// <summary>What SFT and RL stages share: the method frame, resume, optimizer and schedule, update, evaluation and checkpoints.</summary>
internal abstract class StageEmitter(EmitContext context, StagePlan stage, int index)
{
    protected readonly TrainingPlan Plan = context.Plan;
    protected readonly SourceWriter Writer = context.Writer;
    protected readonly SpecLocations Locations = context.Locations;
    protected readonly EmitContext Context = context;
    protected readonly int Index = index;

    public static string MethodName(StagePlan stage) => "Stage" + CSharpLiteral.Identifier(stage.Name);

    /// <summary>The datasets a stage reads (training data, logged completions, then the eval set), each once.</summary>
    public static IReadOnlyList<string> DatasetsOf(StagePlan stage)
    {
        var training = stage switch
        {
            SftStagePlan sft => sft.Batch.Dataset,
            RlStagePlan rl => rl.Sample.Dataset,
            _ => throw new ArgumentOutOfRangeException(nameof(stage)),
        };
        var names = new List<string> { training };
        if (stage is RlStagePlan { Sample.Behaviour: DatasetBehaviour logged } && !names.Contains(logged.Dataset)) names.Add(logged.Dataset);
        foreach (var eval in PipelineEmitter.EvalOf(stage))
        {
            if (!names.Contains(eval.Dataset)) names.Add(eval.Dataset);
        }
        return names;
    }

    protected string StageName => CSharpLiteral.String(stage.Name);

    protected abstract EvalPhase? Eval { get; }

    protected abstract CheckpointPhase? Checkpoint { get; }

    protected abstract UpdatePhase Update { get; }

    protected abstract LogPhase Log { get; }

    public abstract void Emit();

    protected IDisposable MethodFrame(string summary)
    {
        Writer.Comment($"stage {stage.Name} ({Locations.Describe(stage.Span)}): {summary}");
        var datasets = string.Concat(DatasetsOf(stage).Select(name => $", {Names.Dataset} {SetupEmitter.DatasetVariable(name)}"));
        var reference = Plan.Reference is null ? "" : $", {Names.Models}.Transformer reference";
        return Writer.Block($"private static void {MethodName(stage)}({Names.PipelineRun} run, {Names.Models}.Transformer policy{reference}, {Names.Tokenizer} tokenizer{datasets})");
    }

    /// <summary>Returns early when a resumed run is already past this stage.</summary>
    protected void Prologue()
    {
        Writer.Line($"const int stageIndex = {Index};");
        Writer.Line($"const int steps = {stage.Steps};");
        Writer.Line("var first = run.FirstStep(stageIndex, steps);");
        Writer.Line("if (first >= steps) return;");
        var optimizer = Update.Optimizer;
        Writer.Comment($"optimizer ({Locations.Describe(optimizer.Span)}): AdamW, lr {Number(optimizer.Lr)}, betas {Number(optimizer.Beta1)}/{Number(optimizer.Beta2)}, "
            + $"weight decay {Number(optimizer.WeightDecay)}, {optimizer.WarmupSteps} warm-up steps then {optimizer.Schedule.ToString().ToLowerInvariant()}"
            + (optimizer.GradClip is { } clip ? $", grad clip {Number(clip)}" : ""));
        Writer.Line($"using var optimizer = {Names.Torch}.optim.AdamW(policy.Parameters, lr: {CSharpLiteral.Double(optimizer.Lr)}, beta1: {CSharpLiteral.Double(optimizer.Beta1)}, "
            + $"beta2: {CSharpLiteral.Double(optimizer.Beta2)}, eps: {CSharpLiteral.Double(optimizer.Epsilon)}, weight_decay: {CSharpLiteral.Double(optimizer.WeightDecay)});");
        var decay = optimizer.Schedule == LrSchedule.Cosine ? "Cosine" : "Constant";
        Writer.Line($"var learningRate = new {Names.Algorithms}.LearningRateSchedule({CSharpLiteral.Double(optimizer.Lr)}, {optimizer.WarmupSteps}, steps, {Names.Algorithms}.LearningRateDecay.{decay});");
        Writer.Line($"var state = new {Names.Pipeline}.StageState(run, stageIndex, {StageName}, policy, optimizer, {SetupEmitter.DatasetVariable(DatasetsOf(stage)[0])});");
        if (Checkpoint is { } checkpoint)
        {
            Writer.Comment($"checkpoint ({Locations.Describe(checkpoint.Span)}): every {checkpoint.EverySteps} steps, keep {checkpoint.Keep}");
            Writer.Line($"var checkpoints = new {Names.Training}.Schedule({checkpoint.EverySteps});");
        }
        if (Eval is { } eval)
        {
            Writer.Line($"var evaluations = new {Names.Training}.Schedule({eval.EverySteps});");
        }
        Writer.Line($"run.StageStarted({StageName}, steps);");
    }

    /// <summary>
    /// AdamW step at the scheduled learning rate, after clipping, unless the non-finite guard skips it;
    /// assigns <c>gradNorm</c> and <c>skipped</c>, which the caller declares next to <c>lr</c>.
    /// </summary>
    protected void EmitUpdate(string lossVariable)
    {
        var optimizer = Update.Optimizer;
        Writer.Comment($"update ({Locations.Describe(Update.Span)}): grad norm{(optimizer.GradClip is { } c ? $" clipped to {Number(c)}" : "")}, AdamW step at the scheduled lr");
        using (Writer.Block($"using (run.Timer.Measure({Names.Phase}.Optimizer))"))
        {
            var maxNorm = optimizer.GradClip is { } clip ? CSharpLiteral.Double(clip) : "double.PositiveInfinity";
            Writer.Line($"gradNorm = {Names.Torch}.nn.utils.clip_grad_norm_(policy.Parameters, {maxNorm});");
            Locations.Mapped(Writer, Update.Span, $"skipped = state.Step(step, lr, {lossVariable}, gradNorm);");
        }
    }

    protected void EmitEvaluation(string metricsVariable, int maxTokens)
    {
        if (Eval is not { } eval) return;
        var metric = eval.Metrics[0];
        Writer.Comment($"eval ({Locations.Describe(eval.Span)}): every {eval.EverySteps} steps on {eval.Dataset}{(eval.Limit is { } limit ? $", first {limit} rows" : "")}, greedy, {metric.Name}");
        using (Writer.Block("if (evaluations.IsDue(step + 1, steps))"))
        {
            Writer.Line($"var means = {EvaluateCall(eval, maxTokens)};");
            Writer.Line($"{metricsVariable} = {metricsVariable} with {{ EvalMetric = {CSharpLiteral.String(metric.Name)}, EvalScore = {ExpressionMethodsEmitter.MetricCall(metric, "means")} }};");
        }
    }

    /// <summary>An evaluation before the first update of a stage started fresh: what the previous stage reached.</summary>
    protected void EmitBaselineEvaluation(int maxTokens)
    {
        if (Eval is not { } eval) return;
        var metric = eval.Metrics[0];
        using (Writer.Block("if (first == 0)"))
        {
            Writer.Line($"var means = {EvaluateCall(eval, maxTokens)};");
            Writer.Line($"run.LogBaselineEvaluation(stageIndex, {StageName}, {CSharpLiteral.String(metric.Name)}, {ExpressionMethodsEmitter.MetricCall(metric, "means")});");
        }
    }

    private static string EvaluateCall(EvalPhase eval, int maxTokens) =>
        $"run.Evaluate(policy, tokenizer, {SetupEmitter.DatasetVariable(eval.Dataset)}, {(eval.Limit is { } limit ? limit.ToString(CultureInfo.InvariantCulture) : "null")}, "
        + $"maxTokens: {maxTokens}, {ExpressionMethodsEmitter.PromptMethod}, {ExpressionMethodsEmitter.ScoreMethod})";

    protected void EmitLogAndCheckpoint(string metricsVariable)
    {
        Writer.Comment($"log ({Locations.Describe(Log.Span)}): one line of metrics.jsonl per step");
        Writer.Line($"run.Log({metricsVariable});");
        if (Checkpoint is { } checkpoint)
        {
            Writer.Line($"if (checkpoints.IsDue(step + 1, steps)) state.SaveCheckpoint(step + 1, keep: {checkpoint.Keep});");
        }
    }

    protected static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
