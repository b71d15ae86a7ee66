using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Emit;

/// <summary>The Run method: run folder and resume, tokenizer, policy, datasets, then each stage in order.</summary>
internal sealed class SetupEmitter(EmitContext context)
{
    private readonly TrainingPlan plan = context.Plan;
    private readonly SourceWriter writer = context.Writer;
    private readonly SpecLocations locations = context.Locations;

    public static string DatasetVariable(string name) => "dataset" + CSharpLiteral.Identifier(name);

    /// <summary>A field is read with a mapping method unless it copies a raw key unchanged.</summary>
    public static bool NeedsMappingMethod(DatasetField field) => field.Mapping is not null and not BoundField;

    public void RunMethod()
    {
        using (writer.Block($"public {Names.RunSummary} Run({Names.RunOptions} options)"))
        {
            var stages = string.Join(", ", plan.Stages.Select(stage => CSharpLiteral.String(stage.Name)));
            writer.Comment($"run folder, resume, device {plan.Device} and seed {plan.Seed} ({locations.Describe(plan.Span)})");
            writer.Line($"using var run = {Names.PipelineRun}.Start(options, new {Names.PipelineIdentity}(");
            writer.Line($"    Name, SpecHash, Knobs, Seed: {plan.Seed}, Device: {CSharpLiteral.String(plan.Device.ToString())}, Bf16: {CSharpLiteral.Bool(plan.Precision == Precision.Bf16)}, Stages: [{stages}]));");
            writer.Line();
            Policy();
            foreach (var dataset in plan.Datasets) Dataset(dataset);
            writer.Comment("stages run in order and share the policy");
            using (writer.Block("try"))
            {
                foreach (var stage in plan.Stages)
                {
                    var reference = plan.Reference is null ? "" : ", reference";
                writer.Line($"{StageEmitter.MethodName(stage)}(run, policy{reference}, tokenizer{string.Concat(StageEmitter.DatasetsOf(stage).Select(d => ", " + DatasetVariable(d)))});");
                }
            }
            using (writer.Block($"catch ({Names.Training}.Guards.TrainingStoppedException stopped)"))
            {
                writer.Line("return run.Finish(completed: false, stopReason: stopped.Message);");
            }
            writer.Line("return run.Finish();");
        }
        writer.Line();
    }

    private void Policy()
    {
        var model = plan.Policy;
        var config = model.Config;
        writer.Comment($"model {model.Name} ({locations.Describe(model.Span)}): {config.Layers} layers x {config.Hidden} hidden, "
            + $"{config.Heads} heads ({config.KvHeads} kv, head dim {config.HeadDim}), ffn {config.Intermediate}, context {config.Context} tokens, vocab {config.Vocab}");
        writer.Line($"var tokenizer = {Tokenizer(model.Tokenizer)};");
        switch (model.Source)
        {
            case TinyModelSource:
                writer.Line($"using var policy = run.CreateTinyPolicy({ModelConfig(config)});");
                break;
            case CheckpointModelSource checkpoint:
                writer.Line($"using var policy = run.LoadPolicy(options.ResolveSpecPath({CSharpLiteral.String(context.PortablePath(checkpoint.FullPath))}));");
                break;
            default:
                throw new NotGeneratedException(model.Source.Span, "this kind of model source");
        }
        if (plan.Reference is { } reference)
        {
            writer.Comment($"model {reference.Name} ({locations.Describe(reference.Span)}): a frozen copy of {reference.FrozenFrom}'s initial weights");
            writer.Line("using var reference = policy.Copy();");
        }
        writer.Comment("a resumed run continues from the checkpoint's weights");
        writer.Line("run.RestorePolicy(policy);");
        writer.Line();
    }

    private string Tokenizer(TokenizerPlan tokenizer) => tokenizer.Kind switch
    {
        TokenizerKind.Chars => $"{Names.Runtime}.Text.TokenizerLoader.Load({CSharpLiteral.String("chars")})",
        _ => $"{Names.Runtime}.Text.TokenizerLoader.Load(options.ResolveSpecPath({CSharpLiteral.String(context.PortablePath(tokenizer.FullPath!))}))",
    };

    private static string ModelConfig(ModelConfig config) =>
        $"new {Names.Models}.ModelConfig {{ ModelType = {Names.Models}.ModelConfig.Llama, VocabSize = {config.Vocab}, HiddenSize = {config.Hidden}, "
        + $"IntermediateSize = {config.Intermediate}, NumLayers = {config.Layers}, NumHeads = {config.Heads}, NumKvHeads = {config.KvHeads}, "
        + $"HeadDim = {config.HeadDim}, RmsNormEps = {CSharpLiteral.Double(config.NormEpsilon)}, RopeTheta = {CSharpLiteral.Double(config.RopeTheta)}, "
        + $"MaxPositionEmbeddings = {config.Context}, TieWordEmbeddings = {CSharpLiteral.Bool(config.TieEmbeddings)}, QkvBias = {CSharpLiteral.Bool(config.AttentionBias)} }}";

    private void Dataset(DatasetPlan dataset)
    {
        var variable = DatasetVariable(dataset.Name);
        switch (dataset.Source)
        {
            case ArithmeticSource arithmetic:
                writer.Comment($"dataset {dataset.Name} ({locations.Describe(dataset.Span)}): arithmetic, {arithmetic.MinDigits}..{arithmetic.MaxDigits} digits, "
                    + $"ops \"{arithmetic.Operators}\", {arithmetic.Count} rows, seed {arithmetic.Seed}; fields question, answer");
                writer.Line($"{Names.Dataset} {variable} = new {Names.Data}.ArithmeticDataset({arithmetic.MinDigits}, {arithmetic.MaxDigits}, "
                    + $"{CSharpLiteral.String(arithmetic.Operators)}, {arithmetic.Count}, {arithmetic.Seed}UL);");
                break;
            case JsonlSource jsonl:
                writer.Comment($"dataset {dataset.Name} ({locations.Describe(dataset.Span)}): jsonl {jsonl.WrittenPath}; fields {string.Join(", ", dataset.Fields.Select(f => f.Name))}");
                writer.Line($"{Names.Dataset} {variable} = {Names.Data}.JsonlDataset.Load(options.ResolveSpecPath({CSharpLiteral.String(context.PortablePath(jsonl.FullPath))}), [");
                foreach (var field in dataset.Fields) writer.Line("    " + Mapping(dataset, field) + ",");
                writer.Line("]);");
                break;
            default:
                throw new NotGeneratedException(dataset.Source.Span, "this kind of dataset");
        }
        writer.Line();
    }

    private static string Mapping(DatasetPlan dataset, DatasetField field)
    {
        var target = CSharpLiteral.String(field.Name);
        switch (field.Mapping)
        {
            case null:
                return $"new {Names.Data}.FieldMapping({target}, {target})";
            case BoundField raw:
                return $"new {Names.Data}.FieldMapping({target}, {CSharpLiteral.String(raw.Name)})";
            case { } mapping:
                var keys = ExpressionEmitter.Inputs(mapping).Select(input => CSharpLiteral.String(input.Name)).ToList();
                var values = string.Join(", ", keys.Select((_, index) => $"values[{index}]"));
                return $"new {Names.Data}.FieldMapping({target}, [{string.Join(", ", keys)}], values => {ExpressionMethodsEmitter.MappingMethod(dataset, field)}({values}), "
                    + $"{CSharpLiteral.String(BoundExpressionText.Render(mapping))})";
        }
    }
}
