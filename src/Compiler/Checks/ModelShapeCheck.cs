using Reft.Compiler.Binding;
using Reft.Compiler.Binding.Knobs;

namespace Reft.Compiler.Checks;

/// <summary>tiny(...) shapes: heads divide the width, kv_heads divide the heads, sizes positive.</summary>
public sealed class ModelShapeCheck : IPlanCheck
{
    public void Run(CheckContext context)
    {
        if (!context.PipelineBound(Placeholders.Policy))
            return;
        var policy = context.Plan.Policy;
        var config = policy.Config;
        TextSpan At(Knob knob) => context.At("model", knob.Path, policy.Source.Span);
        foreach (var (knob, value) in new[] { (KnobTable.TinyLayers, config.Layers), (KnobTable.TinyDim, config.Hidden), (KnobTable.TinyHeads, config.Heads),
                     (KnobTable.TinyKvHeads, config.KvHeads), (KnobTable.TinyContext, config.Context), (KnobTable.TinyVocab, config.Vocab), (KnobTable.TinyFfn, config.Intermediate) })
        {
            if (value < 1)
            {
                context.Report(DiagnosticCatalog.CountNotPositive(context.Source, At(knob), knob.Key, value.ToString()));
                return;
            }
        }
        if (config.Hidden % config.Heads != 0)
            context.Report(DiagnosticCatalog.WidthNotDivisibleByHeads(context.Source, At(KnobTable.TinyDim), config.Hidden, config.Heads));
        if (config.Heads % config.KvHeads != 0)
            context.Report(DiagnosticCatalog.HeadsNotDivisibleByKvHeads(context.Source, At(KnobTable.TinyKvHeads), config.Heads, config.KvHeads));
    }
}
