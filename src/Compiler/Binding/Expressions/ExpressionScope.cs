namespace Reft.Compiler.Binding.Expressions;

/// <summary>
/// The names an expression can see. Fields maps a name to its type and source; OpenRawRow lets
/// a mapping read any key when the data file could not be read at compile time; RowSource names
/// the data file a mapping reads. FieldsIncomplete: a dataset whose fields would be in scope failed
/// to bind, so an unknown name is left unreported (the dataset's own error explains it).
/// </summary>
public sealed record ExpressionScope(
    ExpressionContext Context,
    IReadOnlyDictionary<string, (FieldSource Source, ExprType Type)> Fields,
    IReadOnlyCollection<string> Rewards,
    bool OpenRawRow = false,
    string? RowSource = null,
    bool FieldsIncomplete = false)
{
    public string Description => Context switch
    {
        ExpressionContext.Reward => "a reward",
        ExpressionContext.Mapping => "a jsonl field mapping",
        ExpressionContext.Metric => "a metric",
        _ => "dash.filter",
    };
}
