using System.Text.Json;
using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>Binds <c>dataset NAME = arithmetic(...)</c> and <c>jsonl(path, field: expr, ...)</c>, making the fields known.</summary>
public sealed class DatasetBinder(BindContext context, int pipelineSeed)
{
    private static readonly string[] Kinds = ["arithmetic", "jsonl"];

    public DatasetPlan? Bind(DatasetDeclarationSyntax declaration)
    {
        var owner = "dataset " + declaration.Name.Text;
        var reader = new ValueReader(context, owner);
        if (declaration.Initializer is not { } initializer)
        {
            context.Report(DiagnosticCatalog.WrongValue(context.Source, declaration.Name.Span, owner, "'= arithmetic(...)' or '= jsonl(\"path\", ...)'", "a block"));
            return null;
        }
        // The generator is the declaration's value, not a knob of the table; the key only names it in messages.
        var choice = reader.Choice(initializer, new Knob("dataset", owner, "", Unit.None, null, "", ""), Kinds);
        if (choice is not { } chosen)
            return null;
        var call = chosen.Call ?? new CallSyntax(initializer, [], initializer.Span);
        return chosen.Name == "arithmetic" ? BindArithmetic(declaration, call, reader) : BindJsonl(declaration, call, reader);
    }

    private DatasetPlan? BindArithmetic(DatasetDeclarationSyntax declaration, CallSyntax call, ValueReader reader)
    {
        var settings = Settings.FromCall(context, "arithmetic", call);
        var digits = Digits(settings, reader);
        var ops = reader.Text(settings, KnobTable.ArithmeticOps);
        var count = reader.Integer(settings, KnobTable.ArithmeticCount);
        var seed = settings.Has(KnobTable.ArithmeticSeed) ? reader.Integer(settings, KnobTable.ArithmeticSeed) : pipelineSeed;
        if (ops is not null && (ops.Length == 0 || ops.Any(op => op is not ('+' or '-' or '*'))))
        {
            context.Report(DiagnosticCatalog.InvalidArithmetic(context.Source, settings.Get(KnobTable.ArithmeticOps)!.Value.Span,
                $"ops \"{ops}\" must be made of + - * only; write e.g. \"+-\""));
            return null;
        }
        if (count is < 1)
        {
            context.Report(DiagnosticCatalog.CountNotPositive(context.Source, settings.Get(KnobTable.ArithmeticCount)!.Value.Span, "count", count.ToString()!));
            return null;
        }
        if (digits is null || ops is null || count is null || seed is null)
            return null;
        var fields = EquatableArray.Create(new DatasetField("question", ExprType.Text, null), new DatasetField("answer", ExprType.Text, null));
        return new DatasetPlan(declaration.Name.Text, new ArithmeticSource(digits.Value.Low, digits.Value.High, ops, count.Value, seed.Value, call.Span), fields, declaration.Span);
    }

    private (int Low, int High)? Digits(Settings settings, ValueReader reader)
    {
        if (settings.Get(KnobTable.ArithmeticDigits) is not { } setting)
            return ((int, int))KnobTable.ArithmeticDigits.Value!;
        reader.Record(KnobTable.ArithmeticDigits, setting);
        var (low, high) = setting.Value is RangeSyntax range
            ? (reader.Integer(range.Low, KnobTable.ArithmeticDigits), reader.Integer(range.High, KnobTable.ArithmeticDigits))
            : (reader.Integer(setting.Value, KnobTable.ArithmeticDigits) is { } single ? (single, single) : ((int?)null, (int?)null));
        if (low is null || high is null)
            return null;
        if (low > high)
        {
            context.Report(DiagnosticCatalog.ReversedRange(context.Source, setting.Value.Span, low.ToString()!, high.ToString()!));
            return null;
        }
        if (low < 1 || high > 9)
        {
            context.Report(DiagnosticCatalog.InvalidArithmetic(context.Source, setting.Value.Span, $"digits {low}..{high} must lie within 1..9"));
            return null;
        }
        return (low.Value, high.Value);
    }

    private DatasetPlan? BindJsonl(DatasetDeclarationSyntax declaration, CallSyntax call, ValueReader reader)
    {
        var settings = Settings.FromCall(context, "jsonl", call, allowExtras: true);
        if (settings.Get(KnobTable.JsonlPath) is not { } pathSetting)
        {
            context.Report(DiagnosticCatalog.MissingSetting(context.Source, call.Span, "the path of the jsonl file", "write jsonl(\"data/train.jsonl\", prompt: question)"));
            return null;
        }
        var written = reader.Text(pathSetting.Value, KnobTable.JsonlPath);
        reader.Record(KnobTable.JsonlPath, pathSetting);
        if (written is null)
            return null;
        var fullPath = context.ResolvePath(written);
        ImmutableArray<string>? rawKeys = null;
        if (!File.Exists(fullPath))
            context.Report(DiagnosticCatalog.MissingDataFile(context.Source, pathSetting.Value.Span, fullPath, isFolder: Directory.Exists(fullPath)));
        else
            rawKeys = FirstRowKeys(fullPath);

        var rawFields = (rawKeys ?? []).ToDictionary(key => key, _ => (FieldSource.RawRow, ExprType.Text));
        var scope = new ExpressionScope(ExpressionContext.Mapping, rawFields, [], OpenRawRow: rawKeys is null, RowSource: fullPath);
        var binder = new ExpressionBinder(context, scope);
        var fields = new List<DatasetField>();
        foreach (var mapping in settings.Extras)
        {
            var bound = binder.Bind(mapping.Value);
            if (bound is null)
                continue;
            if (bound.Type.Kind is not (ValueKind.Text or ValueKind.Number))
            {
                context.Report(DiagnosticCatalog.WrongValue(context.Source, mapping.Value.Span, mapping.Key, "a text or number field", bound.Type.ToString()));
                continue;
            }
            fields.Add(new DatasetField(mapping.Key, bound.Type, bound));
        }
        // A field whose mapping failed is still a field: rewards and stages naming it must not report it missing.
        if (fields.Count < settings.Extras.Count)
            return null;
        if (settings.Extras.Count == 0)
            fields.AddRange((rawKeys ?? []).Select(key => new DatasetField(key, ExprType.Text, new BoundField(key, FieldSource.RawRow, ExprType.Text, call.Span))));
        return new DatasetPlan(declaration.Name.Text, new JsonlSource(written, fullPath, (rawKeys ?? []).ToEquatableArray(), call.Span), fields.ToEquatableArray(), declaration.Span);
    }

    /// <summary>The keys of the first non-empty line, or null when it is not a JSON object (the runtime reports bad rows).</summary>
    private static ImmutableArray<string>? FirstRowKeys(string path)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(text => !string.IsNullOrWhiteSpace(text));
            if (line is null)
                return null;
            using var row = JsonDocument.Parse(line);
            return row.RootElement.ValueKind == JsonValueKind.Object
                ? row.RootElement.EnumerateObject().Select(property => property.Name).ToImmutableArray()
                : null;
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
