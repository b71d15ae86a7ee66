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
        foreach (var (knob, value) in Sizes(config))
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

    /// <summary>Other rules read the depth and context only when this holds, since this check reports it otherwise.</summary>
    public static bool SizesPositive(Plan.ModelConfig config) => Sizes(config).All(size => size.Value >= 1);

    private static (Knob Knob, int Value)[] Sizes(Plan.ModelConfig config) =>
    [
        (KnobTable.TinyLayers, config.Layers), (KnobTable.TinyDim, config.Hidden), (KnobTable.TinyHeads, config.Heads), (KnobTable.TinyKvHeads, config.KvHeads),
        (KnobTable.TinyContext, config.Context), (KnobTable.TinyVocab, config.Vocab), (KnobTable.TinyFfn, config.Intermediate),
    ];
}
