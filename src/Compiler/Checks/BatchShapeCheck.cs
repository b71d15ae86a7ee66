using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Checks;

/// <summary>Steps, batch, group, DASH sample/micro and epochs: positive and dividing each other.</summary>
public sealed class BatchShapeCheck : IPlanCheck
{
    public void Run(CheckContext context)
    {
        foreach (var stage in context.Plan.Stages)
        {
            var stepsKnob = stage is RlStagePlan ? KnobTable.RlSteps : KnobTable.SftSteps;
            if (context.Bound(stage, stepsKnob) && stage.Steps < 1)
                context.Report(DiagnosticCatalog.StepsTooFew(context.Source, context.At(stage, stepsKnob.Path), stage.Name, stage.Steps.ToString()));
            if (stage is SftStagePlan sft)
                CheckSft(context, sft);
            else if (stage is RlStagePlan rl)
                CheckRl(context, rl);
        }
    }

    private static void CheckSft(CheckContext context, SftStagePlan stage)
    {
        var ok = Positive(context, stage, KnobTable.SftBatch, KnobTable.SftBatch, stage.Batch.BatchPrompts)
            & Positive(context, stage, KnobTable.SftMicro, KnobTable.SftMicro, stage.Loss.MicroPrompts);
        if (!ok)
            return;
        if (stage.Batch.BatchPrompts % stage.Loss.MicroPrompts != 0)
            context.Report(DiagnosticCatalog.BatchNotMultipleOfMicro(context.Source, context.At(stage, KnobTable.SftMicro.Path), stage.Batch.BatchPrompts, stage.Loss.MicroPrompts));
    }

    private static void CheckRl(CheckContext context, RlStagePlan stage)
    {
        var sample = stage.Sample;
        var ok = Positive(context, stage, KnobTable.RlBatch, KnobTable.RlBatch, sample.BatchPrompts)
            & Positive(context, stage, KnobTable.RlGroup, KnobTable.RlGroup, sample.Group)
            & Positive(context, stage, KnobTable.RlDash, KnobTable.DashSample, sample.SampleChunkPrompts)
            & Positive(context, stage, KnobTable.RlDash, KnobTable.DashMicro, stage.Loss.MicroPrompts);
        if (context.Bound(stage, KnobTable.RlGroup, KnobTable.RlObjective) && sample.Group is 1 && stage.Advantage.Estimator == AdvantageEstimator.Group)
            context.Report(DiagnosticCatalog.GroupTooSmall(context.Source, context.At(stage, KnobTable.RlGroup.Path), sample.Group));
        if (context.Bound(stage, KnobTable.RlEpochs) && stage.Loss.Epochs < 1)
            context.Report(DiagnosticCatalog.EpochsTooFew(context.Source, context.At(stage, KnobTable.RlEpochs.Path), stage.Loss.Epochs.ToString()));
        if (!ok)
            return;
        // Two independent facts: a sample that does not divide the batch says nothing about micro.
        if (sample.BatchPrompts % sample.SampleChunkPrompts != 0)
            context.Report(DiagnosticCatalog.BatchNotMultipleOfSample(context.Source, context.At(stage, KnobTable.DashSample.Path), sample.BatchPrompts, sample.SampleChunkPrompts));
        if (sample.SampleChunkPrompts % stage.Loss.MicroPrompts != 0)
            context.Report(DiagnosticCatalog.SampleNotMultipleOfMicro(context.Source, context.At(stage, KnobTable.DashMicro.Path), sample.SampleChunkPrompts, stage.Loss.MicroPrompts));
    }

    /// <summary>False, silently, when the stage knob holding the value, or the value's own knob, did not bind.</summary>
    private static bool Positive(CheckContext context, StagePlan stage, Knob stageKnob, Knob knob, int value)
    {
        if (!context.Bound(stage, stageKnob, knob))
            return false;
        if (value >= 1)
            return true;
        context.Report(DiagnosticCatalog.CountNotPositive(context.Source, context.At(stage, knob.Path), knob.Key, value.ToString()));
        return false;
    }
}
