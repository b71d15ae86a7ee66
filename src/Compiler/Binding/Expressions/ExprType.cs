namespace Reft.Compiler.Binding.Expressions;

public enum ValueKind
{
    Number,
    Bool,
    Text,
    /// <summary>Accepts any argument; only used in function signatures (math_equal).</summary>
    Any,
}

/// <summary>The type of a reward/metric expression: a kind, optionally "may be missing".</summary>
public sealed record ExprType(ValueKind Kind, bool Optional = false)
{
    public static readonly ExprType Number = new(ValueKind.Number);
    public static readonly ExprType Bool = new(ValueKind.Bool);
    public static readonly ExprType Text = new(ValueKind.Text);
    public static readonly ExprType OptionalNumber = new(ValueKind.Number, true);
    public static readonly ExprType OptionalText = new(ValueKind.Text, true);
    public static readonly ExprType Any = new(ValueKind.Any);

    /// <summary>Bool counts as 1/0 wherever a number is expected.</summary>
    public bool IsNumeric => !Optional && Kind is ValueKind.Number or ValueKind.Bool;

    public bool AcceptedBy(ExprType parameter) =>
        parameter.Kind == ValueKind.Any
        || (parameter.Optional || !Optional)
            && (parameter.Kind == Kind || parameter.Kind == ValueKind.Number && Kind == ValueKind.Bool);

    public override string ToString() => Kind.ToString().ToLowerInvariant() + (Optional ? "?" : "");
}
