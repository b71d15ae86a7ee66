using Reft.Compiler.Plan;

namespace Reft.Compiler.Emit;

/// <summary>A supervised warm-up: prompt → answer pairs, cross-entropy on the answer tokens, one update per step.</summary>
internal sealed class SftStageEmitter(EmitContext context, SftStagePlan stage, int index) : StageEmitter(context, stage, index)
{
    /// <summary>The field the warm-up learns to write after the prompt (the plan names none; every data source has it).</summary>
    public const string TargetField = "answer";

    protected override EvalPhase? Eval => stage.Eval;

    protected override CheckpointPhase? Checkpoint => stage.Checkpoint;

    protected override UpdatePhase Update => stage.Update;

    protected override LogPhase Log => stage.Log;

    public override void Emit()
    {
        var batch = stage.Batch;
        var micro = stage.Loss.MicroPrompts;
        using (MethodFrame($"sft, {stage.Steps} steps of {batch.BatchPrompts} prompt → {TargetField} pairs"))
        {
            Prologue();
            EmitBaselineEvaluation(EvalMaxTokens);
            using (Writer.Block("for (var step = first; step < steps; step++)"))
            {
                Writer.Line($"using var scope = {Names.Torch}.NewDisposeScope();");
                Writer.Line("run.StepStarted();");
                Writer.Comment($"batch ({Locations.Describe(batch.Span)}): {batch.BatchPrompts} rows of {batch.Dataset}; tokens [{batch.BatchPrompts}, ≤ {batch.MaxSequenceTokens}]: left-padded prompt, then {TargetField} + end of sequence");
                Writer.Line($"var examples = state.NextExamples({batch.BatchPrompts});");
                Writer.Line($"var input = {Names.Pipeline}.SupervisedBatch.Create(tokenizer, examples.Select(row => {ExpressionMethodsEmitter.PromptMethod}(row, tokenizer)).ToList(), "
                    + $"examples.Select(row => row[{CSharpLiteral.String(TargetField)}]).ToList(), maxTokens: {batch.MaxSequenceTokens}, policy.Device);");
                Writer.Comment($"loss ({Locations.Describe(stage.Loss.Span)}): −log π(answer token), token mean over the whole batch, backprop in micro-batches of {micro} prompts");
                Writer.Line($"var normalizer = {Names.Algorithms}.LossNormalizer.For({Names.Algorithms}.LossAggregation.TokenMean, [input.CompletionMask]);");
                Writer.Line("var loss = 0.0;");
                using (Writer.Block($"using (run.Timer.Measure({Names.Phase}.Backprop))"))
                {
                    if (micro >= batch.BatchPrompts)
                    {
                        MicroBatch("input");
                    }
                    else
                    {
                        using (Writer.Block($"for (var start = 0; start < {batch.BatchPrompts}; start += {micro})"))
                        {
                            Writer.Line($"using var microScope = {Names.Torch}.NewDisposeScope();");
                            Writer.Line($"var part = {Names.Pipeline}.SupervisedBatch.Rows(input, start, global::System.Math.Min({micro}, {batch.BatchPrompts} - start));");
                            MicroBatch("part");
                        }
                    }
                }
                Writer.Line("var lr = learningRate.At(step);");
                Writer.Line("double gradNorm;");
                Writer.Line("string? skipped;");
                EmitUpdate("loss");
                Writer.Line($"var metrics = new {Names.StepMetrics}");
                Writer.Line("{");
                Writer.Line($"    Stage = {StageName}, StageIndex = stageIndex, Step = step + 1,");
                Writer.Line("    Loss = loss, GradNorm = gradNorm, LearningRate = lr, StepSkipped = skipped,");
                Writer.Line("    LearnerTokensPerSecond = normalizer.Tokens / global::System.Math.Max(1e-9, run.Timer.Elapsed().Backprop),");
                Writer.Line("};");
                EmitEvaluation("metrics", EvalMaxTokens);
                EmitLogAndCheckpoint("metrics");
            }
        }
        Writer.Line();
    }

    private void MicroBatch(string input)
    {
        Locations.Mapped(Writer, stage.Loss.Span, $"var logProbs = policy.SequenceLogProbs({input});");
        Writer.Line($"var microLoss = normalizer.Aggregate(-logProbs, {input}.CompletionMask);");
        Writer.Line("microLoss.backward();");
        Writer.Line("loss += microLoss.item<float>();");
    }

    /// <summary>Greedy evaluation writes at most what the longest answer of the run's RL sampling allows, else a few tokens.</summary>
    private int EvalMaxTokens => Plan.Stages.OfType<RlStagePlan>().Select(rl => rl.Sample.Sampling.MaxTokens).DefaultIfEmpty(16).Max();
}
