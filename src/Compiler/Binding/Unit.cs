namespace Reft.Compiler.Binding;

/// <summary>The unit a quantity is counted in; the binder treats units as types.</summary>
public enum Unit
{
    None,
    Prompts,
    Completions,
    Tokens,
    Steps,
    Layers,
    Percent,
}

public static class UnitNames
{
    public static string Display(this Unit unit) => unit switch
    {
        Unit.None => "a plain number",
        Unit.Percent => "a percentage",
        _ => unit.ToString().ToLowerInvariant(),
    };

    /// <summary>Accepts the singular too, so that `1 step` reads naturally.</summary>
    public static Unit? Parse(string name) => name switch
    {
        "prompt" or "prompts" => Unit.Prompts,
        "completion" or "completions" => Unit.Completions,
        "token" or "tokens" => Unit.Tokens,
        "step" or "steps" => Unit.Steps,
        "layer" or "layers" => Unit.Layers,
        "%" or "percent" => Unit.Percent,
        _ => null,
    };
}
