using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary><c>checkpoint: none | every(n steps, keep: k, to: "folder")</c> at pipeline level.</summary>
public sealed class CheckpointBinder(BindContext context, string pipelineName)
{
    private readonly ValueReader reader = new(context, "pipeline");

    public (CheckpointPhase? Checkpoint, bool Ok) Bind(Setting? setting)
    {
        if (setting is null || setting.Value is NoneLiteralSyntax)
            return (null, true);
        reader.Record(KnobTable.Checkpoint, setting);
        if (reader.Choice(setting.Value, KnobTable.Checkpoint, "every") is not { Call: { } call })
            return (null, false);
        var args = Settings.FromCall(context, "checkpoint", call);
        if (!args.Has(KnobTable.CheckpointEvery))
        {
            context.Report(DiagnosticCatalog.MissingSetting(context.Source, call.Span, "the checkpoint interval", "write every(50 steps, keep: 2)"));
            return (null, false);
        }
        var every = reader.Count(args, KnobTable.CheckpointEvery);
        var keep = reader.Integer(args, KnobTable.CheckpointKeep);
        var to = args.Has(KnobTable.CheckpointTo) ? reader.Text(args, KnobTable.CheckpointTo) : Path.Combine("runs", pipelineName);
        if (every is null || keep is null || to is null)
            return (null, false);
        return (new CheckpointPhase(every.Value, keep.Value, context.ResolvePath(to), setting.Value.Span), true);
    }
}
