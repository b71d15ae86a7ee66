using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>
/// Syntax → TrainingPlan: resolves names, types, units, defaults and presets. Every problem goes to
/// the context's diagnostics. The plan always comes back, with placeholders for whatever failed to
/// bind (see <see cref="Placeholders"/>), so that the rules still run on everything that did bind
/// and all errors of a file show in one run; the compiler never hands such a plan downstream.
/// </summary>
public sealed class Binder(BindContext context)
{
    private static readonly Dictionary<string, string> StageAliases = new() { ["behaviour"] = "behavior" };

    public TrainingPlan Bind(DocumentSyntax document)
    {
        var pipeline = document.Pipeline;
        var declarations = pipeline.Members.OfType<DeclarationSyntax>().ToList();
        ReportDuplicates(declarations);

        var settings = Settings.FromProperties(context, "pipeline", pipeline.Members.OfType<PropertySyntax>(), pipeline.Span);
        var reader = new ValueReader(context, "pipeline");
        var seed = reader.Integer(settings, KnobTable.Seed);
        if (seed is < 0)
            context.Report(DiagnosticCatalog.NegativeValue(context.Source, settings.Get(KnobTable.Seed)!.Value.Span, "seed", seed.ToString()!));
        var device = Device(settings, reader);
        var precision = reader.Option(settings, KnobTable.PrecisionKnob, "fp32", "bf16");

        var (policy, reference) = Models(declarations.OfType<ModelDeclarationSyntax>().ToList(), pipeline);
        var datasetNames = declarations.OfType<DatasetDeclarationSyntax>().Select(d => d.Name.Text).Distinct().ToList();
        var datasetBinder = new DatasetBinder(context, seed ?? 0);
        var datasets = new Dictionary<string, DatasetPlan>();
        foreach (var declaration in declarations.OfType<DatasetDeclarationSyntax>())
        {
            if (!datasets.ContainsKey(declaration.Name.Text) && datasetBinder.Bind(declaration) is { } dataset)
                datasets[dataset.Name] = dataset;
        }

        var stageSyntax = declarations.OfType<StageDeclarationSyntax>().ToList();
        var prompt = new PromptBinder(context).Bind(settings.Get(KnobTable.Prompt), pipeline.Name.Span);
        var rewards = Rewards(declarations.OfType<RewardDeclarationSyntax>().ToList(), RewardScope(stageSyntax, datasets, datasetNames));
        var (checkpoint, checkpointOk) = new CheckpointBinder(context, pipeline.Name.Text).Bind(settings.Get(KnobTable.Checkpoint));

        var rewardNames = declarations.OfType<RewardDeclarationSyntax>().Select(reward => reward.Name.Text).Distinct().ToList();
        var environment = new StageEnvironment(datasets, datasetNames, rewards, rewardNames, policy?.Config, checkpoint);
        var unbound = new Placeholders(context.Spans, "pipeline");
        var stages = new List<StagePlan>();
        foreach (var stage in stageSyntax)
        {
            var bound = Stage(stage, environment);
            unbound.MarkUnless(bound is not null, Placeholders.Stages);
            if (bound is not null)
                stages.Add(bound);
        }
        if (stageSyntax.Count == 0)
            context.Report(DiagnosticCatalog.NoStages(context.Source, pipeline.Name.Span, pipeline.Name.Text));
        if (prompt is not null)
            CheckPromptHoles(prompt, stages, datasets);

        unbound.MarkUnless(checkpointOk, KnobTable.Checkpoint);
        var span = pipeline.Name.Span;
        var boundPolicy = unbound.Or(policy, Placeholders.Policy,
            new ModelPlan("", new TinyModelSource(span), new ModelConfig(1, 1, 1, 1, 1, 1, 1, false, false, 1, 1), new TokenizerPlan(TokenizerKind.Chars, null, span), span));
        var boundPrompt = unbound.Or(prompt, KnobTable.Prompt, new PromptPlan(PromptKind.Plain, EquatableArray<PromptSegment>.Empty, EquatableArray<PromptSegment>.Empty, span));
        return new TrainingPlan(pipeline.Name.Text, context.Source.Path, context.BaseDirectory, seed ?? 0, device ?? new DevicePlan(DeviceKind.Auto, null, pipeline.Span),
            precision == "bf16" ? Precision.Bf16 : Precision.Fp32, boundPolicy, reference,
            datasetNames.Where(datasets.ContainsKey).Select(name => datasets[name]).ToEquatableArray(), boundPrompt,
            rewards.ToEquatableArray(), stages.ToEquatableArray(), checkpoint, pipeline.Span);
    }

    private void ReportDuplicates(List<DeclarationSyntax> declarations)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var declaration in declarations)
        {
            var kind = declaration.Keyword.Text;
            if (!seen.Add((kind, declaration.Name.Text)))
                context.Report(DiagnosticCatalog.DuplicateDeclaration(context.Source, declaration.Name.Span, kind, declaration.Name.Text));
        }
    }

    private DevicePlan? Device(Settings settings, ValueReader reader)
    {
        if (settings.Get(KnobTable.Device) is not { } setting)
            return new DevicePlan(DeviceKind.Auto, null, settings.Span);
        reader.Record(KnobTable.Device, setting);
        var text = setting.Value switch
        {
            IdentifierSyntax identifier => identifier.Name,
            StringLiteralSyntax literal => literal.Value,
            _ => context.Source.ToString(setting.Value.Span),
        };
        switch (text)
        {
            case "auto":
                return new DevicePlan(DeviceKind.Auto, null, setting.Value.Span);
            case "cpu":
                return new DevicePlan(DeviceKind.Cpu, null, setting.Value.Span);
            case "cuda":
                return new DevicePlan(DeviceKind.Cuda, null, setting.Value.Span);
        }
        var compact = text.Replace(" ", "");
        if (compact.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(compact[5..], out var index) && index >= 0)
            return new DevicePlan(DeviceKind.Cuda, index, setting.Value.Span);
        context.Report(DiagnosticCatalog.UnknownOption(context.Source, setting.Value.Span, text, "device", NameSuggestions.Hint(text, ["auto", "cpu", "cuda", "cuda:0"])));
        return null;
    }

    private (ModelPlan? Policy, ReferencePlan? Reference) Models(List<ModelDeclarationSyntax> models, PipelineSyntax pipeline)
    {
        var binder = new ModelBinder(context);
        var names = models.Select(model => model.Name.Text).ToList();
        ModelPlan? policy = null;
        ReferencePlan? reference = null;
        ModelDeclarationSyntax? policySyntax = null;
        foreach (var model in models.Where(model => model.Body is not null))
        {
            if (policySyntax is not null)
            {
                context.Report(DiagnosticCatalog.SecondPolicy(context.Source, model.Name.Span, model.Name.Text, policySyntax.Name.Text));
                continue;
            }
            policySyntax = model;
            policy = binder.BindPolicy(model, model.Body!);
        }
        if (policySyntax is null)
            context.Report(DiagnosticCatalog.MissingPolicy(context.Source, pipeline.Name.Span));
        foreach (var model in models.Where(model => model.Body is null && model.Initializer is not null))
            reference ??= binder.BindFrozen(model, model.Initializer!, names);
        return (policy, reference);
    }

    /// <summary>
    /// What a reward can read: the fields every dataset a stage rolls out or evaluates on has; incomplete
    /// when one of those datasets failed to bind, since a name may then be one of its fields.
    /// </summary>
    private static ExpressionScope RewardScope(List<StageDeclarationSyntax> stages, Dictionary<string, DatasetPlan> datasets, List<string> datasetNames)
    {
        var usedNames = stages.SelectMany(stage => stage.Body.Properties)
            .Where(property => property.Key.Text is "data")
            .Select(property => property.Value is IdentifierSyntax identifier ? identifier.Name : null)
            .Concat(stages.SelectMany(stage => stage.Body.Properties)
                .Where(property => property.Key.Text == "eval" && property.Value is CallSyntax)
                .SelectMany(property => ((CallSyntax)property.Value).Arguments)
                .Where(argument => argument.Name?.Text == "on" && argument.Value is IdentifierSyntax)
                .Select(argument => ((IdentifierSyntax)argument.Value).Name))
            .OfType<string>()
            .Where(datasetNames.Contains)
            .Distinct()
            .ToList();
        if (usedNames.Count == 0)
            usedNames = datasetNames;
        var used = usedNames.Where(datasets.ContainsKey).Select(name => datasets[name]).ToList();
        var fields = new Dictionary<string, (FieldSource, ExprType)> { ["completion"] = (FieldSource.Completion, ExprType.Text) };
        // A dataset's logged completion (for dataset(...) behaviour) never shadows the generated one.
        foreach (var field in used.FirstOrDefault()?.Fields.Where(field => field.Name != "completion" && used.All(dataset => dataset.Field(field.Name) is not null)) ?? [])
            fields[field.Name] = (FieldSource.Dataset, field.Type);
        return new ExpressionScope(ExpressionContext.Reward, fields, [], FieldsIncomplete: used.Count < usedNames.Count);
    }

    private List<RewardPlan> Rewards(List<RewardDeclarationSyntax> declarations, ExpressionScope scope)
    {
        var binder = new ExpressionBinder(context, scope);
        var rewards = new List<RewardPlan>();
        foreach (var declaration in declarations)
        {
            var name = declaration.Name.Text;
            if (name is "completion" or "advantage")
            {
                context.Report(DiagnosticCatalog.ReservedName(context.Source, declaration.Name.Span, name));
                continue;
            }
            var bound = binder.Bind(declaration.Expression);
            var weight = declaration.Weight is null ? KnobTable.RewardWeight.DefaultAs<double>() : new ValueReader(context, "reward " + name).Number(declaration.Weight, KnobTable.RewardWeight);
            if (declaration.Weight is not null)
                context.Spans.Record("reward " + name, KnobTable.RewardWeight.Path, declaration.Weight.Span);
            if (bound is null || weight is null || rewards.Any(reward => reward.Name == name))
                continue;
            if (!bound.Type.IsNumeric)
            {
                context.Report(DiagnosticCatalog.RewardType(context.Source, declaration.Expression.Span, name, bound.Type.ToString()));
                continue;
            }
            rewards.Add(new RewardPlan(name, bound, weight.Value, BoundExpressionText.References(bound, FieldSource.Completion), declaration.Span));
        }
        return rewards;
    }

    private StagePlan? Stage(StageDeclarationSyntax stage, StageEnvironment environment)
    {
        switch (stage.Kind.Text)
        {
            case "sft":
                return new SftStageBinder(context, environment).Bind(stage, SftStageBinder.Read(context, stage));
            case "rl":
                var settings = Settings.FromProperties(context, "rl", stage.Body.Properties, stage.Body.Span, StageAliases);
                return new RlStageBinder(context, environment).Bind(stage, settings);
            default:
                context.Report(DiagnosticCatalog.UnknownStageKind(context.Source, stage.Kind.Span, stage.Kind.Text, NameSuggestions.Hint(stage.Kind.Text, ["sft", "rl"])));
                return null;
        }
    }

    /// <summary>Every hole must be a field of every dataset the stages train or evaluate on.</summary>
    private void CheckPromptHoles(PromptPlan prompt, List<StagePlan> stages, Dictionary<string, DatasetPlan> datasets)
    {
        var used = stages.SelectMany(stage => stage switch
        {
            RlStagePlan rl => new[] { rl.Sample.Dataset, rl.Eval?.Dataset },
            SftStagePlan sft => new[] { sft.Batch.Dataset, sft.Eval?.Dataset },
            _ => [],
        }).OfType<string>().Distinct().Where(datasets.ContainsKey).Select(name => datasets[name]).ToList();
        foreach (var hole in prompt.System.Concat(prompt.User).OfType<PromptHole>())
        {
            var lacking = used.FirstOrDefault(dataset => dataset.Field(hole.Field) is null);
            if (lacking is not null)
                context.Report(DiagnosticCatalog.UnknownField(context.Source, hole.Span, hole.Field, $"of dataset '{lacking.Name}'",
                    NameSuggestions.Hint(hole.Field, lacking.Fields.Select(field => field.Name))));
        }
    }
}
