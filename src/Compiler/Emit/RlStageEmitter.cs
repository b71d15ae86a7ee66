using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Emit;

/// <summary>
/// An RL stage: sample → score → advantage → filter → loss → update → log / eval / checkpoint, each
/// step inside a dispose scope. Only the knobs the plan turns on produce code: an on-policy stage
/// has no correction, a stage without KL has no reference forward, and so on.
/// </summary>
internal sealed class RlStageEmitter(EmitContext context, RlStagePlan stage, int index) : StageEmitter(context, stage, index)
{
    private const string A = Names.Algorithms;

    protected override EvalPhase? Eval => stage.Eval;

    protected override CheckpointPhase? Checkpoint => stage.Checkpoint;

    protected override UpdatePhase Update => stage.Update;

    protected override LogPhase Log => stage.Log;

    private SamplePhase Sample => stage.Sample;

    private LossPhase Loss => stage.Loss;

    private bool Nested => Sample.Behaviour is NestedBehaviour;

    private bool Stale => Sample.Behaviour is StaleBehaviour;

    /// <summary>
    /// Importance weights are emitted only for an off-policy behaviour with a correction that weighs
    /// tokens; behaviour_ratio without a clipped ratio to put μ into (REINFORCE) weighs by ρ instead.
    /// </summary>
    private bool Weighted => Sample.Behaviour.IsOffPolicy
        && (Loss.Correction.Kind is CorrectionKind.TruncatedIs or CorrectionKind.MaskedIs or CorrectionKind.Retrace
            || Loss.Correction.Kind == CorrectionKind.BehaviourRatio && Loss.PolicyLoss != PolicyLossKind.ClippedSurrogate);

    /// <summary>behaviour_ratio in the clipped surrogate: r = π_θ / μ replaces π_θ / π_old.</summary>
    private bool BehaviourRatio => Sample.Behaviour.IsOffPolicy && Loss.Correction.Kind == CorrectionKind.BehaviourRatio && Loss.PolicyLoss == PolicyLossKind.ClippedSurrogate;

    private bool Agro => stage.Advantage.Estimator == AdvantageEstimator.Agro || Loss.PolicyLoss == PolicyLossKind.Agro;

    private bool NeedsReference => Agro || Loss.Kl is not null || stage.Score.KlPenalty is not null;

    /// <summary>log π of every row before the first update: for epochs &gt; 1, AGRO's sequence terms and KL in the reward.</summary>
    private bool NeedsFullBatchLogProbs => Loss.Epochs > 1 || Agro || stage.Score.KlPenalty is not null;

    private int Group => Sample.Group;

    private int MicroRows => Loss.MicroPrompts * Group;

    public override void Emit()
    {
        using (MethodFrame($"rl, {stage.Steps} steps of {Sample.BatchPrompts} prompts x {Group} completions = {Sample.BatchCompletions} rows"))
        {
            Prologue();
            Setup();
            EmitBaselineEvaluation(Sample.Sampling.MaxTokens);
            using (Writer.Block("for (var step = first; step < steps; step++)"))
            {
                Writer.Line($"using var scope = {Names.Torch}.NewDisposeScope();");
                Writer.Line("run.StepStarted();");
                Writer.Line($"var report = new {Names.Pipeline}.RlStepReport();");
                SampleAndScore();
                Advantage();
                Filter();
                Writer.Line("var loss = 0.0;");
                Writer.Line("var gradNorm = 0.0;");
                Writer.Line("var lr = learningRate.At(step);");
                Writer.Line("string? skipped = \"empty_after_filter\";");
                using (Writer.Block("if (!kept.SkipStep)"))
                {
                    LossAndUpdate();
                }
                Writer.Line("else state.SkipEmptyStep();");
                Metrics();
                EmitEvaluation("metrics", Sample.Sampling.MaxTokens);
                EmitLogAndCheckpoint("metrics");
            }
        }
        Writer.Line();
        if (stage.Filter.Gradient is { AbsAdvantageAbove: null } filter)
        {
            new ExpressionMethodsEmitter(Writer, Locations).Filter(stage.Name, filter);
        }
    }

    private void Setup()
    {
        var sampling = Sample.Sampling;
        Writer.Comment($"sampling ({Locations.Describe(Sample.Span)}): temperature {Number(sampling.Temperature)}, top-p {Number(sampling.TopP)}"
            + (sampling.TopK > 0 ? $", top-k {sampling.TopK}" : "") + $", at most {sampling.MaxTokens} new tokens after at most {sampling.MaxPromptTokens} prompt tokens");
        var stop = sampling.Stop.Count == 0 ? "" : $", Stop = [{string.Join(", ", sampling.Stop.Select(CSharpLiteral.String))}]";
        Writer.Line($"var sampling = new {Names.Rollout}.SamplingOptions {{ Temperature = {CSharpLiteral.Double(sampling.Temperature)}, TopP = {CSharpLiteral.Double(sampling.TopP)}, "
            + $"TopK = {sampling.TopK}, MaxNewTokens = {sampling.MaxTokens}{stop} }};");
        switch (Sample.Behaviour)
        {
            case NestedBehaviour nested:
                var skip = nested.Skip;
                var amount = skip.MinLayers == skip.MaxLayers ? $"new {A}.SkipAmount.Count({skip.MinLayers})" : $"new {A}.SkipAmount.Range({skip.MinLayers}, {skip.MaxLayers})";
                var selection = skip.Selection switch
                {
                    SkipSelection.Contiguous => $"new {A}.SkipSelection.Contiguous()",
                    SkipSelection.Fixed => $"new {A}.SkipSelection.Fixed([{string.Join(", ", skip.FixedLayers)}])",
                    _ => $"new {A}.SkipSelection.Uniform()",
                };
                var rule = $"new {A}.SkipRule({amount}, {selection}, KeepFirst: {skip.KeepFirst}, KeepLast: {skip.KeepLast})";
                var schedule = nested.DelaySteps > 0 ? $"new {A}.SkipSchedule([new {A}.SkipPhase({nested.DelaySteps}, {rule})])" : $"{A}.SkipSchedule.Constant({rule})";
                Writer.Comment($"behaviour ({Locations.Describe(nested.Span)}): Nested-ReFT, the policy without {skip.MinLayers}..{skip.MaxLayers} of its layers "
                    + $"(never the first {skip.KeepFirst} or last {skip.KeepLast}), {skip.Selection.ToString().ToLowerInvariant()} selection, a new set per {nested.Every.ToString().ToLowerInvariant()}"
                    + (nested.DelaySteps > 0 ? $", full model for the first {nested.DelaySteps} steps" : ""));
                var redraw = nested.Every == SkipRedraw.Step ? "PerStep" : "PerBatch";
                Writer.Line($"var skips = new {A}.SkipSampler({schedule}, policy.Config.NumLayers, {A}.SkipResample.{redraw}, run.SeedFor(stageIndex, 0, 2));");
                break;
            case DatasetBehaviour logged:
                Writer.Comment($"behaviour ({Locations.Describe(logged.Span)}): the policy, with {Number(logged.Fraction * 100)}% of each group taken from the completions "
                    + $"{logged.Dataset} logged for the same prompt ({Names.Pipeline}.LoggedCompletions.Share({Group}, {Number(logged.Fraction)}) per group)");
                Writer.Line($"var logged = new {Names.Pipeline}.LoggedCompletions({SetupEmitter.DatasetVariable(logged.Dataset)}, {ExpressionMethodsEmitter.PromptMethod}, tokenizer);");
                Writer.Line($"var loggedShare = {Names.Pipeline}.LoggedCompletions.Share({Group}, {CSharpLiteral.Double(logged.Fraction)});");
                break;
            case StaleBehaviour stale:
                Writer.Comment($"behaviour ({Locations.Describe(stale.Span)}): the policy as it was {stale.LagSteps} optimizer steps ago");
                Writer.Line($"using var behaviour = new {Names.Pipeline}.StalePolicy(policy, {stale.LagSteps}, state);");
                break;
            default:
                Writer.Comment("behaviour: the current policy (on-policy)");
                break;
        }
        if (Weighted)
        {
            var correction = Loss.Correction;
            var level = $"{A}.RatioLevel.{correction.Level}";
            var value = correction.Kind switch
            {
                CorrectionKind.TruncatedIs => $"new {A}.Correction.TruncatedIs({CSharpLiteral.Double(correction.Max!.Value)}, {level})",
                CorrectionKind.MaskedIs => $"new {A}.Correction.MaskedIs({CSharpLiteral.Double(correction.Max!.Value)}, {level})",
                CorrectionKind.Retrace => $"new {A}.Correction.Retrace({CSharpLiteral.Double(correction.Lambda!.Value)})",
                _ => $"new {A}.Correction.TruncatedIs({(correction.Max is { } cap ? CSharpLiteral.Double(cap) : "double.PositiveInfinity")}, {A}.RatioLevel.Token)",
            };
            Writer.Comment($"correction ({Locations.Describe(correction.Span)}): {correction.Kind}, weights from ρ = π_old / μ");
            Writer.Line($"var correction = {value};");
        }
        if (Loss.PolicyLoss == PolicyLossKind.ClippedSurrogate)
        {
            var clip = Loss.Clip;
            Writer.Line($"var clip = new {A}.ClipRange({CSharpLiteral.Double(clip.Low)}, {CSharpLiteral.Double(clip.High)}{(clip.DualClip is { } c ? ", " + CSharpLiteral.Double(c) : "")});");
        }
        if (stage.Score.Overlong is { } overlong)
        {
            Writer.Line($"var overlong = new {A}.OverlongShaping({sampling.MaxTokens}, {overlong.BufferTokens}, {CSharpLiteral.Double(overlong.Factor)});");
        }
        Writer.Line($"var microBatches = {A}.DashPlan.Create({Sample.BatchPrompts}, {Loss.MicroPrompts}, {Group});");
    }

    private void SampleAndScore()
    {
        var chunk = Sample.SampleChunkPrompts;
        var dynamic = stage.Filter.Dynamic;
        Writer.Comment($"sample ({Locations.Describe(Sample.Span)}): {Sample.BatchPrompts} prompts x {Group} completions = {Sample.BatchCompletions} rows"
            + (chunk < Sample.BatchPrompts ? $", drawn {chunk} prompts at a time" : " in one preemptive sampling call (DASH)")
            + $"; log μ recorded per sampled token; completions [{Sample.BatchCompletions}, ≤ {Sample.Sampling.MaxTokens}]");
        if (Nested) Writer.Line($"var skip = {Names.Models}.SkipSet.Of(skips.Next(step));");
        var model = Stale ? "behaviour.Model" : "policy";
        Writer.Line($"var engine = new {Names.Rollout}.RolloutEngine({model}, tokenizer);");
        Writer.Line($"using var draws = new {Names.Pipeline}.RolloutDraws();");
        if (dynamic is not null)
        {
            Writer.Comment($"dynamic sampling: groups whose rewards are all equal are dropped and replaced, at most {dynamic.MaxRounds} rounds");
            Writer.Line($"var fill = new {A}.DynamicSamplingFill({Sample.BatchPrompts}, {dynamic.MaxRounds}, {Group});");
            using (Writer.Block("for (var round = 0; fill.NeedsAnotherRound; round++)"))
            {
                DrawRound($"16 + round * {Sample.BatchPrompts}");
                Writer.Line("draws.KeepGroups(fill.Accept(draws.LastRoundTotals), examples.Count);");
            }
        }
        else
        {
            DrawRound("16");
        }
        Writer.Line("using var batch = draws.Batch();");
        Writer.Line("var rewards = draws.RewardTensor(policy.Device);");
        Writer.Line($"report.Rollout(draws, {(AccuracyTerm is { } term ? CSharpLiteral.String(term) : "null")});");
    }

    /// <summary>One round of prompts: sampled in one call (DASH preemptive sampling) or chunk by chunk, each chunk scored.</summary>
    private void DrawRound(string seedBase)
    {
        var chunk = Sample.SampleChunkPrompts;
        Writer.Line($"var examples = state.NextExamples({Sample.BatchPrompts});");
        if (chunk >= Sample.BatchPrompts)
        {
            DrawChunk("examples", seedBase);
            return;
        }
        using (Writer.Block($"for (var start = 0; start < {Sample.BatchPrompts}; start += {chunk})"))
        {
            Writer.Line($"var chunk = examples.Skip(start).Take({chunk}).ToList();");
            DrawChunk("chunk", seedBase + " + start");
        }
    }

    private void DrawChunk(string examples, string seed)
    {
        var skipValue = Nested ? "skip" : $"{Names.Models}.SkipSet.Empty";
        Writer.Line($"var promptTexts = {examples}.Select(row => {ExpressionMethodsEmitter.PromptMethod}(row, tokenizer)).ToList();");
        Writer.Line($"var prompts = promptTexts.Select((text, i) => {Names.Pipeline}.PromptEncoding.Encode(tokenizer, i, text, {Sample.Sampling.MaxPromptTokens})).ToList();");
        Writer.Line($"{Names.Rollout}.RolloutBatch drawn;");
        using (Writer.Block($"using (run.Timer.Measure({Names.Phase}.Sampling))"))
        {
            Locations.Mapped(Writer, Sample.Span, $"drawn = engine.Sample(prompts, {Group}, {skipValue}, sampling, run.SeedFor(stageIndex, step, {seed}));");
            if (Sample.Behaviour is DatasetBehaviour) Writer.Line($"drawn = logged.Mix(drawn, promptTexts, loggedShare, policy, temperature: {CSharpLiteral.Double(Sample.Sampling.Temperature)});");
        }
        Writer.Comment($"score ({Locations.Describe(stage.Score.Span)}): {string.Join(", ", stage.Score.Rewards)}; reward = Σ weight · term"
            + (stage.Score.Overlong is not null ? ", plus the overlong penalty" : ""));
        using (Writer.Block($"using (run.Timer.Measure({Names.Phase}.Scoring))"))
        {
            var overlong = stage.Score.Overlong is not null ? ", overlong" : "";
            Writer.Line($"draws.Add(drawn, drawn.PromptIndices.Select(i => {examples}[i]).ToList(), tokenizer, {ExpressionMethodsEmitter.ScoreMethod}{overlong});");
        }
    }

    /// <summary>The first yes/no reward term is what "accuracy" means in the metrics.</summary>
    private string? AccuracyTerm => Plan.Rewards.FirstOrDefault(reward => reward.Expression.Type.Kind == ValueKind.Bool)?.Name;

    private void Advantage()
    {
        var advantage = stage.Advantage;
        if (NeedsFullBatchLogProbs)
        {
            Writer.Comment("log π_old of every row before the update (full model, sampling temperature), for "
                + string.Join(" and ", new[] { Loss.Epochs > 1 ? "the ratio of later epochs" : null, Agro ? "AGRO's sequence terms" : null, stage.Score.KlPenalty is not null ? "the KL in the reward" : null }.OfType<string>()));
            Writer.Line("var learnerInput = batch.ToLearnerInput();");
            Writer.Line($"{Names.Tensor} oldLogProbs;");
            if (NeedsReference) Writer.Line($"{Names.Tensor}? referenceLogProbs = null;");
            using (Writer.Block($"using ({Names.Torch}.no_grad())"))
            {
                Writer.Line($"oldLogProbs = policy.SequenceLogProbs(learnerInput, temperature: {CSharpLiteral.Double(Sample.Sampling.Temperature)});");
                if (NeedsReference) Writer.Line($"referenceLogProbs = reference.SequenceLogProbs(learnerInput, temperature: {CSharpLiteral.Double(Sample.Sampling.Temperature)});");
            }
        }
        if (stage.Score.KlPenalty is { } kl)
        {
            Writer.Comment($"kl in the reward ({Locations.Describe(kl.Span)}): R − {Number(kl.Beta)} · Σ_t {kl.Estimator.ToString().ToLowerInvariant()}");
            Writer.Line($"rewards = {A}.KlPenalty.SubtractFromReward(rewards, {A}.KlEstimator.{kl.Estimator}, {CSharpLiteral.Double(kl.Beta)}, oldLogProbs, referenceLogProbs!, batch.CompletionMask);");
        }
        if (advantage.Estimator == AdvantageEstimator.Agro)
        {
            Writer.Comment($"advantage ({Locations.Describe(advantage.Span)}): AGRO, z = R − {Number(advantage.AgroBeta ?? 0)} · (log π − log π_ref) over the sequence, centred per group → [{Sample.BatchCompletions}]");
            Locations.Mapped(Writer, advantage.Span, $"var advantages = {A}.Advantages.Agro(rewards, {A}.Agro.SequenceLogProbs(oldLogProbs, batch.CompletionMask), "
                + $"{A}.Agro.SequenceLogProbs(referenceLogProbs!, batch.CompletionMask), {Group}, {CSharpLiteral.Double(advantage.AgroBeta ?? 0)});");
        }
        else
        {
            Writer.Comment($"advantage ({Locations.Describe(advantage.Span)}): group-relative over {Group} completions, scale {advantage.Scale.ToString().ToLowerInvariant()} → [{Sample.BatchCompletions}]");
            Locations.Mapped(Writer, advantage.Span, $"var advantages = {A}.Advantages.Group(rewards, {Group}, {A}.AdvantageScale.{advantage.Scale});");
        }
        Writer.Line("report.Advantages(advantages);");
    }

    private void Filter()
    {
        var filter = stage.Filter;
        switch (filter.Gradient)
        {
            case { AbsAdvantageAbove: { } threshold } gradient:
                Writer.Comment($"filter ({Locations.Describe(gradient.Span)}): DASH keeps rows with |A| > {Number(threshold)}, which drops every zero-variance group; nothing left skips the update");
                Writer.Line($"var kept = {A}.AdvantageFilter.AbsAdvantageAbove(advantages, {CSharpLiteral.Double(threshold)});");
                break;
            case { } gradient:
                Writer.Comment($"filter ({Locations.Describe(gradient.Span)}): keeps rows where {BoundExpressionText.Render(gradient.Predicate)}; nothing left skips the update");
                Writer.Line($"var kept = {Names.Pipeline}.RowFilter.Keep(advantages, {ExpressionMethodsEmitter.FilterMethod(stage.Name)});");
                break;
            default:
                Writer.Comment("filter: none, every row goes to backprop");
                Writer.Line($"var kept = {Names.Pipeline}.RowFilter.All(batch.Rows);");
                break;
        }
    }

    private void LossAndUpdate()
    {
        var loss = Loss;
        var aggregation = loss.PolicyLoss == PolicyLossKind.Agro ? LossAggregation.SeqMeanTokenSum : loss.Aggregation;
        var constant = aggregation == LossAggregation.Constant ? ", " + CSharpLiteral.Double(loss.ConstantDivisor ?? Sample.Sampling.MaxTokens) : "";
        Writer.Comment($"loss ({Locations.Describe(loss.Span)}): {Describe(loss)}; {aggregation} over the whole optimizer batch, backprop in micro-batches of {loss.MicroPrompts} prompts = {MicroRows} rows");
        Writer.Line("var rows = microBatches.MicroBatches(kept.Kept.Length).Select(range => kept.Kept[range].ToArray()).ToList();");
        Writer.Line($"using var micro = new {Names.Pipeline}.MicroBatches(batch, rows);");
        var mask = stage.Filter.MaskTruncated
            ? $"{A}.Masks.WithoutTruncated(m.CompletionMask, {Names.Torch}.tensor(m.Truncated.ToArray(), device: policy.Device))"
            : "m.CompletionMask";
        Writer.Line($"var masks = micro.Select(m => {mask}).ToList();");
        Writer.Line($"var normalizer = {A}.LossNormalizer.For({A}.LossAggregation.{aggregation}, masks{constant});");
        if (loss.Epochs > 1)
        {
            Writer.Comment($"{loss.Epochs} epochs: one optimizer step per pass over the batch, ratios against the sampling-time policy");
            using (Writer.Block($"for (var epoch = 0; epoch < {loss.Epochs}; epoch++)"))
            {
                Writer.Line("loss = 0.0;");
                BackpropAndUpdate();
            }
        }
        else
        {
            BackpropAndUpdate();
        }
        Writer.Line("report.Learned(normalizer.Tokens, run.Timer.Elapsed().Backprop);");
    }

    private void BackpropAndUpdate()
    {
        using (Writer.Block($"using (run.Timer.Measure({Names.Phase}.Backprop))"))
        {
            using (Writer.Block("for (var i = 0; i < micro.Count; i++)"))
            {
                MicroBatch();
            }
        }
        EmitUpdate("loss");
        if (Stale) Writer.Line("behaviour.Advance(policy);");
    }

    private void MicroBatch()
    {
        var temperature = CSharpLiteral.Double(Sample.Sampling.Temperature);
        Writer.Line($"using var microScope = {Names.Torch}.NewDisposeScope();");
        Writer.Line("var input = micro[i].ToLearnerInput();");
        Writer.Line("var mask = masks[i];");
        Writer.Line($"var logProbs = policy.SequenceLogProbs(input, temperature: {temperature});");
        if (Loss.Epochs > 1 || Agro)
        {
            Writer.Line($"var old = {A}.Masks.SelectRows(oldLogProbs, rows[i]);");
        }
        else
        {
            Writer.Line("var old = logProbs.detach();");
        }
        if (Weighted)
        {
            Writer.Comment($"off-policy correction: weights [{MicroRows}, T] from log π_old (full model) against log μ (recorded while sampling)");
            Writer.Line($"var weights = {A}.OffPolicyCorrection.Weights(correction, old, micro[i].BehaviourLogProbs, mask);");
            Writer.Line("report.Correction(weights.Stats, mask);");
            if (Loss.Correction is { Kind: CorrectionKind.MaskedIs, Min: { } min } masked)
            {
                Writer.Line($"var aboveMin = {Names.Pipeline}.ImportanceLowerBound.Keep(old, micro[i].BehaviourLogProbs, mask, {CSharpLiteral.Double(min)}, {A}.RatioLevel.{masked.Level});");
                Writer.Line("weights = weights with { Weights = weights.Weights * aboveMin };");
            }
        }
        var advantages = $"{A}.Masks.SelectRows(advantages, rows[i])";
        var ratioBase = BehaviourRatio ? "micro[i].BehaviourLogProbs" : "old";
        string perToken = Loss.PolicyLoss switch
        {
            PolicyLossKind.ClippedSurrogate => $"{A}.PolicyLosses.ClippedSurrogate(logProbs, {ratioBase}, microAdvantages, clip)",
            _ => $"{A}.PolicyLosses.Reinforce(logProbs, microAdvantages)",
        };
        Writer.Line($"var microAdvantages = {advantages};");
        Locations.Mapped(Writer, Loss.Span, $"var perToken = {perToken};");
        if (Loss.PolicyLoss == PolicyLossKind.ClippedSurrogate)
        {
            Writer.Line($"report.Clip({A}.PolicyLosses.ClipFractions(logProbs, {ratioBase}, microAdvantages, mask, clip), mask);");
        }
        if (Weighted) Writer.Line("perToken = perToken * weights.Weights;");
        if (Loss.Kl is { } kl)
        {
            Writer.Comment($"kl in the loss ({Locations.Describe(kl.Span)}): + {Number(kl.Beta)} · {kl.Estimator.ToString().ToLowerInvariant()}(π_θ ‖ π_ref) per token");
            Writer.Line($"{Names.Tensor} microReference;");
            using (Writer.Block($"using ({Names.Torch}.no_grad())"))
            {
                Writer.Line($"microReference = reference.SequenceLogProbs(input, temperature: {temperature});");
            }
            Writer.Line($"report.ReferenceKl({A}.KlPenalty.PerToken({A}.KlEstimator.{kl.Estimator}, logProbs.detach(), microReference), mask);");
            Writer.Line($"perToken = {A}.KlPenalty.AddToLoss(perToken, {A}.KlEstimator.{kl.Estimator}, {CSharpLiteral.Double(kl.Beta)}, logProbs, microReference);");
        }
        Writer.Line("var microLoss = normalizer.Aggregate(perToken, mask);");
        Writer.Line("microLoss.backward();");
        Writer.Line("loss += microLoss.item<float>();");
    }

    private string Describe(LossPhase loss)
    {
        var kind = loss.PolicyLoss switch
        {
            PolicyLossKind.ClippedSurrogate => $"clipped surrogate, ratio π_θ / {(BehaviourRatio ? "μ" : "π_old")} clipped to [1 − {Number(loss.Clip.Low)}, 1 + {Number(loss.Clip.High)}]"
                + (loss.Clip.DualClip is { } c ? $", dual clip {Number(c)}" : ""),
            PolicyLossKind.Reinforce => "REINFORCE, −A · log π_θ",
            _ => "AGRO, −A · Σ_t log π_θ",
        };
        if (Weighted) kind += $", times {Loss.Correction.Kind} weights";
        if (loss.Kl is { } kl) kind += $", plus {Number(kl.Beta)} · {kl.Estimator.ToString().ToLowerInvariant()} KL";
        return kind;
    }

    private void Metrics()
    {
        Writer.Line($"var metrics = report.ToMetrics(new {Names.StepMetrics}");
        Writer.Line("{");
        Writer.Line($"    Stage = {StageName}, StageIndex = stageIndex, Step = step + 1,");
        Writer.Line("    Loss = loss, GradNorm = gradNorm, LearningRate = lr, StepSkipped = skipped,");
        Writer.Line("    FractionFiltered = kept.FractionFiltered,");
        Writer.Line($"    SkipSet = {(Nested ? "skip.ToList()" : "null")},");
        Writer.Line("});");
    }
}
