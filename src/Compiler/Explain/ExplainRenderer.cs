using System.Globalization;
using System.Text;
using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Explain;

/// <summary>`reftc explain`: the plan as a tree with per-stage estimates, or the training graph as Mermaid / DOT.</summary>
public static class ExplainRenderer
{
    public static string Render(TrainingPlan plan, SourceText source, ExplainFormat format) => format switch
    {
        ExplainFormat.Mermaid => Mermaid(plan),
        ExplainFormat.Dot => Dot(plan),
        _ => Text(plan, source),
    };

    public static string Text(TrainingPlan plan, SourceText source)
    {
        var output = new StringBuilder();
        string At(TextSpan span)
        {
            var location = source.GetLocation(span);
            return $"[{location.Line}:{location.Column}]";
        }
        var config = plan.Policy.Config;
        output.Append($"pipeline {plan.Name} {At(plan.Span)}: seed {plan.Seed}, device {plan.Device}, precision {plan.Precision.ToString().ToLowerInvariant()}\n");
        var weights = plan.Policy.Source switch
        {
            CheckpointModelSource checkpoint => $"checkpoint {checkpoint.WrittenPath} ({checkpoint.Architecture})",
            _ => "tiny",
        };
        output.Append($"├─ model {plan.Policy.Name} {At(plan.Policy.Span)}: {weights}; {config.Layers} layers, width {config.Hidden}, {config.Heads} heads ({config.KvHeads} kv), "
            + $"ffn {config.Intermediate}, context {config.Context}, vocab {config.Vocab}{(config.TieEmbeddings ? ", tied embeddings" : "")}; tokenizer {plan.Policy.Tokenizer.Kind.ToString().ToLowerInvariant()}\n");
        if (plan.Reference is { } reference)
            output.Append($"├─ model {reference.Name} {At(reference.Span)}: frozen copy of {reference.FrozenFrom}\n");
        foreach (var dataset in plan.Datasets)
        {
            var kind = dataset.Source switch
            {
                ArithmeticSource a => $"arithmetic(digits {a.MinDigits}..{a.MaxDigits}, ops \"{a.Operators}\", count {a.Count}, seed {a.Seed})",
                JsonlSource j => $"jsonl({j.WrittenPath})",
                _ => "?",
            };
            var fields = string.Join(", ", dataset.Fields.Select(field => field.Mapping is BoundExpression mapping and not BoundField
                ? $"{field.Name}: {field.Type} = {BoundExpressionText.Render(mapping)}" : $"{field.Name}: {field.Type}"));
            output.Append($"├─ dataset {dataset.Name} {At(dataset.Span)}: {kind}; fields {fields}\n");
        }
        output.Append($"├─ prompt {At(plan.Prompt.Span)}: {plan.Prompt.Kind.ToString().ToLowerInvariant()}, holes {string.Join(", ", plan.Prompt.Holes)}\n");
        foreach (var reward in plan.Rewards)
            output.Append($"├─ reward {reward.Name} {At(reward.Span)}: {BoundExpressionText.Render(reward.Expression)} × {reward.Weight.ToString("R", CultureInfo.InvariantCulture)}\n");
        for (var s = 0; s < plan.Stages.Count; s++)
        {
            var stage = plan.Stages[s];
            var last = s == plan.Stages.Count - 1;
            var branch = last ? "└─" : "├─";
            var pipe = last ? "   " : "│  ";
            output.Append($"{branch} stage {stage.Name} {At(stage.Span)}: {stage.Kind.ToString().ToLowerInvariant()}, {stage.Steps} steps\n");
            foreach (var phase in stage.Phases)
                output.Append($"{pipe}├─ {PhaseText.Name(phase.Kind),-10} {At(phase.Span)} {PhaseText.Describe(phase)}\n");
            var estimate = Estimates.For(plan, stage);
            output.Append($"{pipe}└─ estimates per step\n");
            foreach (var line in EstimateLines(estimate))
                output.Append($"{pipe}     {line}\n");
        }
        return output.ToString();
    }

    public static IEnumerable<string> EstimateLines(StageEstimate estimate)
    {
        yield return $"parameters           {estimate.Parameters:N0}";
        if (estimate.TokensGenerated > 0)
            yield return $"tokens generated     {estimate.TokensGenerated:N0}";
        yield return $"tokens backprop      {estimate.TokensBackpropagated:N0}";
        yield return $"weights              {Bytes(estimate.WeightBytes)}";
        yield return $"gradients            {Bytes(estimate.GradientBytes)}";
        yield return $"adamw state          {Bytes(estimate.AdamWBytes)}";
        yield return $"activations (micro)  {Bytes(estimate.ActivationBytes)}";
        if (estimate.KvCacheBytes > 0)
            yield return $"kv cache (sample)    {Bytes(estimate.KvCacheBytes)}";
        yield return $"total                {Bytes(estimate.TotalBytes)}";
        if (estimate.MaxSkippedLayers > 0)
            yield return $"skipped layers       {estimate.MinSkippedLayers}..{estimate.MaxSkippedLayers} of {estimate.Depth} (block compute per token {(estimate.Depth - (estimate.MinSkippedLayers + estimate.MaxSkippedLayers) / 2.0) / estimate.Depth:P0})";
    }

    /// <summary>Binary units, one decimal: 1.5 MiB.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string Id(StagePlan stage, PhaseKind kind) => $"{Sanitize(stage.Name)}_{PhaseText.Name(kind)}";

    private static string Sanitize(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    private static string Label(PhaseNode phase) =>
        (PhaseText.Name(phase.Kind) + ": " + PhaseText.Describe(phase)).Replace("\"", "'");

    public static string Mermaid(TrainingPlan plan)
    {
        var output = new StringBuilder("flowchart TD\n");
        StagePlan? previous = null;
        foreach (var stage in plan.Stages)
        {
            output.Append($"  subgraph {Sanitize(stage.Name)}[\"stage {stage.Name}: {stage.Kind.ToString().ToLowerInvariant()}, {stage.Steps} steps\"]\n");
            foreach (var phase in stage.Phases)
                output.Append($"    {Id(stage, phase.Kind)}[\"{Label(phase)}\"]\n");
            foreach (var edge in stage.Edges)
                output.Append($"    {Id(stage, edge.From)} --> {Id(stage, edge.To)}\n");
            output.Append("  end\n");
            if (previous is not null)
                output.Append($"  {Sanitize(previous.Name)} --> {Sanitize(stage.Name)}\n");
            previous = stage;
        }
        return output.ToString();
    }

    public static string Dot(TrainingPlan plan)
    {
        var output = new StringBuilder($"digraph \"{plan.Name}\" {{\n  rankdir=TB;\n  node [shape=box, fontname=\"monospace\"];\n");
        StagePlan? previous = null;
        foreach (var stage in plan.Stages)
        {
            output.Append($"  subgraph cluster_{Sanitize(stage.Name)} {{\n    label=\"stage {stage.Name}: {stage.Kind.ToString().ToLowerInvariant()}, {stage.Steps} steps\";\n");
            foreach (var phase in stage.Phases)
                output.Append($"    {Id(stage, phase.Kind)} [label=\"{Label(phase)}\"];\n");
            foreach (var edge in stage.Edges)
                output.Append($"    {Id(stage, edge.From)} -> {Id(stage, edge.To)};\n");
            output.Append("  }\n");
            if (previous is not null)
                output.Append($"  {Id(previous, PhaseKind.Update)} -> {Id(stage, stage.Phases.First().Kind)} [style=dashed, label=\"then\"];\n");
            previous = stage;
        }
        output.Append("}\n");
        return output.ToString();
    }
}
