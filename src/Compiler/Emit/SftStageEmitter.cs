using System.Globalization;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Emit;

/// <summary>A supervised warm-up: prompt → target pairs, cross-entropy on the target tokens, one update per step, optionally with LayerDrop.</summary>
internal sealed class SftStageEmitter(EmitContext context, SftStagePlan stage, int index) : StageEmitter(context, stage, index)
{
    protected override EvalPhase? Eval => stage.Eval;

    protected override CheckpointPhase? Checkpoint => stage.Checkpoint;

    protected override UpdatePhase Update => stage.Update;

    protected override LogPhase Log => stage.Log;

    public override void Emit()
    {
        var batch = stage.Batch;
        var micro = stage.Loss.MicroPrompts;
        var target = batch.TargetField;
        var drop = stage.Loss.LayerDrop;
        using (MethodFrame($"sft, {stage.Steps} steps of {batch.BatchPrompts} prompt → {target} pairs"))
        {
            Prologue();
            if (drop is not null)
            {
                var depth = Plan.Policy.Config.Layers;
                Writer.Comment($"layer drop ({Locations.Describe(drop.Span)}): every step skips each of layers {drop.KeepFirst}..{depth - drop.KeepLast - 1} with probability {drop.Probability.ToString(CultureInfo.InvariantCulture)}, drawn from (seed, step)");
                Writer.Line($"var layerDrop = new {Names.Algorithms}.LayerDrop({CSharpLiteral.Double(drop.Probability)}, keepFirst: {drop.KeepFirst}, keepLast: {drop.KeepLast});");
                Writer.Line("var layerDropSeed = run.SeedFor(stageIndex, 0, 2);");
            }
            EmitBaselineEvaluation(EvalMaxTokens);
            using (Writer.Block("for (var step = first; step < steps; step++)"))
            {
                Writer.Line($"using var scope = {Names.Torch}.NewDisposeScope();");
                Writer.Line("run.StepStarted();");
                Writer.Comment($"batch ({Locations.Describe(batch.Span)}): {batch.BatchPrompts} rows of {batch.Dataset}; tokens [{batch.BatchPrompts}, ≤ {batch.MaxSequenceTokens}]: left-padded prompt, then {target} + end of sequence");
                Writer.Line($"var examples = state.NextExamples({batch.BatchPrompts});");
                Writer.Line($"var input = {Names.Pipeline}.SupervisedBatch.Create(tokenizer, examples.Select(row => {ExpressionMethodsEmitter.PromptMethod}(row, tokenizer)).ToList(), "
                    + $"examples.Select(row => row[{CSharpLiteral.String(target)}]).ToList(), maxTokens: {batch.MaxSequenceTokens}, policy.Device);");
                if (drop is not null)
                    Locations.Mapped(Writer, drop.Span, "var skip = layerDrop.Draw(policy.Config.NumLayers, layerDropSeed, step);");
                Writer.Comment($"loss ({Locations.Describe(stage.Loss.Span)}): −log π({target} token){(drop is null ? "" : " with the skip set's layers left out")}, token mean over the whole batch, backprop in micro-batches of {micro} prompts");
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
                if (drop is not null)
                    Writer.Line("    SkipSet = skip.ToList(),");
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
        var skip = stage.Loss.LayerDrop is null ? "" : ", skip";
        Locations.Mapped(Writer, stage.Loss.Span, $"var logProbs = policy.SequenceLogProbs({input}{skip});");
        Writer.Line($"var microLoss = normalizer.Aggregate(-logProbs, {input}.CompletionMask);");
        Writer.Line("microLoss.backward();");
        Writer.Line("loss += microLoss.item<float>();");
    }

    /// <summary>Greedy evaluation writes at most what the longest answer of the run's RL sampling allows, else a few tokens.</summary>
    private int EvalMaxTokens => Plan.Stages.OfType<RlStagePlan>().Select(rl => rl.Sample.Sampling.MaxTokens).DefaultIfEmpty(16).Max();
}
