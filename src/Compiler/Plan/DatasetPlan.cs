using Reft.Compiler.Binding.Expressions;

namespace Reft.Compiler.Plan;

/// <summary>A named data set and the fields its rows have (known at compile time).</summary>
public sealed record DatasetPlan(string Name, DatasetSource Source, EquatableArray<DatasetField> Fields, TextSpan Span)
{
    public DatasetField? Field(string name) => Fields.FirstOrDefault(field => field.Name == name);
}

/// <summary>A row field. Mapping is the jsonl expression over the raw row that computes it (null for generators).</summary>
public sealed record DatasetField(string Name, ExprType Type, BoundExpression? Mapping);

public abstract record DatasetSource(TextSpan Span);

/// <summary>Integer arithmetic problems: question "12+7", answer "19".</summary>
public sealed record ArithmeticSource(int MinDigits, int MaxDigits, string Operators, int Count, int Seed, TextSpan Span) : DatasetSource(Span);

/// <summary>One JSON object per line; raw keys are read by the field mappings.</summary>
public sealed record JsonlSource(string WrittenPath, string FullPath, EquatableArray<string> RawKeys, TextSpan Span) : DatasetSource(Span);

/// <summary>The prompt template; holes name dataset fields.</summary>
public sealed record PromptPlan(PromptKind Kind, EquatableArray<PromptSegment> System, EquatableArray<PromptSegment> User, TextSpan Span)
{
    public IEnumerable<string> Holes => System.Concat(User).OfType<PromptHole>().Select(hole => hole.Field).Distinct();
}

public enum PromptKind
{
    /// <summary>The template text is the whole prompt.</summary>
    Plain,
    /// <summary>Rendered with the tokenizer's chat template (system + user turns).</summary>
    Chat,
}

public abstract record PromptSegment;

public sealed record PromptLiteral(string Text) : PromptSegment;

public sealed record PromptHole(string Field, TextSpan Span) : PromptSegment;
