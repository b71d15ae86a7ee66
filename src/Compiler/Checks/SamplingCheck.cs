using Reft.Compiler.Binding.Knobs;

namespace Reft.Compiler.Checks;

/// <summary>Decoding knobs in range; prompt plus completion fit the model context; overlong buffer inside max_tokens.</summary>
public sealed class SamplingCheck : IPlanCheck
{
    public void Run(CheckContext context)
    {
        var contextTokens = context.Plan.Policy.Config.Context;
        foreach (var stage in context.Plan.RlStages())
        {
            if (!context.Bound(stage, KnobTable.RlSampling))
                continue;
            var sampling = stage.Sample.Sampling;
            TextSpan At(Knob knob) => context.At(stage, knob.Path, context.At(stage, KnobTable.RlSampling.Path));
            bool Bound(params Knob[] knobs) => context.Bound(stage, knobs);
            if (Bound(KnobTable.Temperature) && sampling.Temperature <= 0)
                context.Report(DiagnosticCatalog.TemperatureNotPositive(context.Source, At(KnobTable.Temperature), PlanChecks.Format(sampling.Temperature)));
            if (Bound(KnobTable.TopP) && sampling.TopP is <= 0 or > 1)
                context.Report(DiagnosticCatalog.TopPOutOfRange(context.Source, At(KnobTable.TopP), PlanChecks.Format(sampling.TopP)));
            if (Bound(KnobTable.TopK) && sampling.TopK < 0)
                context.Report(DiagnosticCatalog.TopKNegative(context.Source, At(KnobTable.TopK), sampling.TopK.ToString()));
            if (Bound(KnobTable.MaxTokens) && sampling.MaxTokens < 1)
            {
                context.Report(DiagnosticCatalog.CountNotPositive(context.Source, At(KnobTable.MaxTokens), "max_tokens", sampling.MaxTokens.ToString()));
                continue;
            }
            if (Bound(KnobTable.MaxPromptTokens) && sampling.MaxPromptTokens < 1)
                context.Report(DiagnosticCatalog.CountNotPositive(context.Source, At(KnobTable.MaxPromptTokens), "max_prompt_tokens", sampling.MaxPromptTokens.ToString()));
            else if (Bound(KnobTable.MaxTokens, KnobTable.MaxPromptTokens) && context.PolicyShapeKnown && (long)sampling.MaxPromptTokens + sampling.MaxTokens > contextTokens)
                context.Report(DiagnosticCatalog.ContextOverflow(context.Source, At(KnobTable.MaxTokens), sampling.MaxPromptTokens, sampling.MaxTokens, contextTokens));
            if (Bound(KnobTable.MaxTokens, KnobTable.RlFilters, KnobTable.RlObjective) && stage.Score.Overlong is { } overlong && (overlong.BufferTokens <= 0 || overlong.BufferTokens >= sampling.MaxTokens))
                context.Report(DiagnosticCatalog.OverlongBufferOutOfRange(context.Source, context.At(stage, KnobTable.OverlongBuffer.Path, context.At(stage, KnobTable.RlFilters.Path, context.At(stage, KnobTable.RlObjective.Path))),
                    overlong.BufferTokens, sampling.MaxTokens));
        }
    }
}
