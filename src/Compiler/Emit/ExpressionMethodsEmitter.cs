using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Emit;

/// <summary>
/// Reward terms, eval metrics, gradient filters, jsonl field mappings and the prompt template as
/// static typed methods of the pipeline class, each mapped to its line in the spec.
/// </summary>
internal sealed class ExpressionMethodsEmitter(SourceWriter writer, SpecLocations locations)
{
    public const string Runtime = "global::Reft.Runtime";
    public const string ExampleType = Runtime + ".Data.Example";
    public const string TokenizerType = Runtime + ".Text.ITokenizer";
    public const string RewardTermsType = Runtime + ".Rewards.RewardTerms";

    public static string RewardMethod(RewardPlan reward) => "Reward" + CSharpLiteral.Identifier(reward.Name);

    public static string MetricMethod(MetricPlan metric) => "Metric" + CSharpLiteral.Identifier(metric.Name);

    public static string MappingMethod(DatasetPlan dataset, DatasetField field) =>
        "Map" + CSharpLiteral.Identifier(dataset.Name) + CSharpLiteral.Identifier(field.Name);

    public static string FilterMethod(string stage) => "KeepForGradient" + CSharpLiteral.Identifier(stage);

    public const string ScoreMethod = "Score";

    public const string PromptMethod = "Prompt";

    public void Reward(RewardPlan reward)
    {
        var inputs = ExpressionEmitter.Inputs(reward.Expression);
        writer.Comment($"reward {reward.Name} ({locations.Describe(reward.Span)}): {BoundExpressionText.Render(reward.Expression)}"
            + (reward.Weight == 1.0 ? "" : $", weight {ExpressionEmitter.Invariant(reward.Weight)}"));
        using (writer.Block($"private static double {RewardMethod(reward)}({Parameters(inputs)})"))
        {
            locations.Mapped(writer, reward.Expression.Span, $"return {ExpressionEmitter.AsNumber(reward.Expression)};");
        }
        writer.Line();
    }

    /// <summary>The reward of one completion: every term, unweighted, with its weight (the total is Σ weight · term).</summary>
    public void Score(IReadOnlyList<RewardPlan> rewards)
    {
        writer.Comment("reward of one completion: Σ weight · term over the spec's reward terms");
        var signature = $"private static {RewardTermsType} {ScoreMethod}(string completion, {ExampleType} row, {TokenizerType} tokenizer)";
        using (writer.Block(signature))
        {
            writer.Line($"return new {RewardTermsType}()");
            for (var i = 0; i < rewards.Count; i++)
            {
                var reward = rewards[i];
                var arguments = string.Join(", ", ExpressionEmitter.Inputs(reward.Expression).Select(Argument));
                var end = i == rewards.Count - 1 ? ";" : "";
                writer.Line($"    .Add({CSharpLiteral.String(reward.Name)}, {CSharpLiteral.Double(reward.Weight)}, {RewardMethod(reward)}({arguments})){end}");
            }
            if (rewards.Count == 0) writer.Line("    ;");
        }
        writer.Line();
    }

    public void Metric(MetricPlan metric)
    {
        var inputs = ExpressionEmitter.Inputs(metric.Expression);
        writer.Comment($"metric {metric.Name} ({locations.Describe(metric.Span)}): {BoundExpressionText.Render(metric.Expression)}, over the means of reward terms");
        using (writer.Block($"private static double {MetricMethod(metric)}({Parameters(inputs)})"))
        {
            locations.Mapped(writer, metric.Expression.Span, $"return {ExpressionEmitter.AsNumber(metric.Expression)};");
        }
        writer.Line();
    }

    /// <summary>The call of a metric method given a dictionary <c>means</c> of reward-term means.</summary>
    public static string MetricCall(MetricPlan metric, string meansVariable) =>
        $"{MetricMethod(metric)}({string.Join(", ", ExpressionEmitter.Inputs(metric.Expression).Select(input => $"{meansVariable}[{CSharpLiteral.String(input.Name)}]"))})";

    public void Filter(string stage, GradientFilterPlan filter)
    {
        writer.Comment($"gradient filter ({locations.Describe(filter.Span)}): keep a completion when {BoundExpressionText.Render(filter.Predicate)}");
        using (writer.Block($"private static bool {FilterMethod(stage)}(double advantage)"))
        {
            locations.Mapped(writer, filter.Predicate.Span, $"return {ExpressionEmitter.Emit(filter.Predicate)};");
        }
        writer.Line();
    }

    /// <summary>
    /// A jsonl field computed from the raw keys it names, each a parameter in order of first use
    /// (<c>answer: answer.after("####")</c>, <c>answer: after(question, marker)</c>); null marks the row bad.
    /// </summary>
    public void Mapping(DatasetPlan dataset, DatasetField field, BoundExpression mapping)
    {
        var keys = ExpressionEmitter.Inputs(mapping).Select(input => "string " + ExpressionEmitter.ParameterName(input.Name));
        writer.Comment($"dataset {dataset.Name}, field {field.Name}: {BoundExpressionText.Render(mapping)}");
        using (writer.Block($"private static string? {MappingMethod(dataset, field)}({string.Join(", ", keys)})"))
        {
            var value = ExpressionEmitter.Emit(mapping);
            var text = mapping.Type.Kind switch
            {
                ValueKind.Text => value,
                ValueKind.Number when mapping.Type.Optional => $"({value})?.ToString(\"R\", global::System.Globalization.CultureInfo.InvariantCulture)",
                ValueKind.Number => $"({value}).ToString(\"R\", global::System.Globalization.CultureInfo.InvariantCulture)",
                _ => $"({value}) ? \"true\" : \"false\"",
            };
            locations.Mapped(writer, mapping.Span, $"return {text};");
        }
        writer.Line();
    }

    /// <summary>The prompt text of one row: the template with its holes filled from the row's fields.</summary>
    public void Prompt(PromptPlan prompt)
    {
        writer.Comment($"prompt ({locations.Describe(prompt.Span)})");
        if (prompt.Kind == PromptKind.Plain)
        {
            using (writer.Block($"private static string {PromptMethod}({ExampleType} row, {TokenizerType} tokenizer)"))
            {
                locations.Mapped(writer, prompt.Span, $"return {Template(prompt.User)};");
            }
        }
        else
        {
            using (writer.Block($"private static string {PromptMethod}({ExampleType} row, {TokenizerType} tokenizer)"))
            {
                writer.Line($"var family = {Runtime}.Text.ChatTemplate.Detect(tokenizer) ?? {Runtime}.Text.ChatFamily.ChatMl;");
                var system = prompt.System.Count == 0 ? "null" : Template(prompt.System);
                locations.Mapped(writer, prompt.Span, $"return {Runtime}.Text.ChatTemplate.Format(family, {system}, {Template(prompt.User)});");
            }
        }
        writer.Line();
    }

    private static string Template(EquatableArray<PromptSegment> segments)
    {
        if (segments.Count == 0) return "\"\"";
        return string.Join(" + ", segments.Select(segment => segment switch
        {
            PromptLiteral literal => CSharpLiteral.String(literal.Text),
            PromptHole hole => $"row[{CSharpLiteral.String(hole.Field)}]",
            _ => throw new ArgumentOutOfRangeException(nameof(segments)),
        }));
    }

    private static string Parameters(IEnumerable<(string Name, string Type, FieldSource? Source)> inputs) =>
        string.Join(", ", inputs.Select(input => $"{input.Type} {ExpressionEmitter.ParameterName(input.Name)}"));

    /// <summary>How the scoring method passes one input of a reward method.</summary>
    private static string Argument((string Name, string Type, FieldSource? Source) input) => input.Source switch
    {
        FieldSource.Completion => "completion",
        FieldSource.Dataset => FieldValue(input.Name, input.Type),
        _ when input.Name == ExpressionEmitter.TokenizerParameter => "tokenizer",
        _ => throw new ArgumentOutOfRangeException(nameof(input), input.Name, "a reward reads the completion, dataset fields and the tokenizer only"),
    };

    /// <summary>Dataset rows hold text; a field typed as a number is parsed by the number verifier.</summary>
    private static string FieldValue(string name, string type) => type switch
    {
        "double?" => $"{Runtime}.Rewards.Verifiers.Number(row[{CSharpLiteral.String(name)}])",
        "double" => $"{Runtime}.Rewards.Verifiers.Number(row[{CSharpLiteral.String(name)}]) ?? double.NaN",
        "bool" => $"row[{CSharpLiteral.String(name)}] == \"true\"",
        _ => $"row[{CSharpLiteral.String(name)}]",
    };
}
