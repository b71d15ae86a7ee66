using Reft.Compiler.Binding.Knobs;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>One written setting: a block property, an object entry or a call argument.</summary>
public sealed record Setting(string Key, TextSpan KeySpan, ExpressionSyntax Value);

/// <summary>
/// The settings of one block or call, checked against the knobs of its scope: unknown keys get a
/// "did you mean", duplicates are reported, positional arguments take the scope's positional knobs in order.
/// </summary>
public sealed class Settings
{
    private readonly Dictionary<string, Setting> byKey = new();
    private readonly List<Setting> extras = new();

    public string Scope { get; }

    public TextSpan Span { get; }

    private Settings(string scope, TextSpan span)
    {
        Scope = scope;
        Span = span;
    }

    public IReadOnlyList<Setting> Extras => extras;

    public static Settings FromProperties(BindContext context, string scope, IEnumerable<PropertySyntax> properties, TextSpan span, IReadOnlyDictionary<string, string>? aliases = null)
    {
        var settings = new Settings(scope, span);
        foreach (var property in properties)
        {
            var key = aliases is not null && aliases.TryGetValue(property.Key.Text, out var canonical) ? canonical : property.Key.Text;
            settings.Add(context, new Setting(key, property.Key.Span, property.Value), allowExtras: false);
        }
        return settings;
    }

    /// <summary>Reads call arguments. With allowExtras, unknown named arguments are kept (jsonl field mappings).</summary>
    public static Settings FromCall(BindContext context, string scope, CallSyntax call, bool allowExtras = false)
    {
        var settings = new Settings(scope, call.Span);
        var positional = KnobTable.InScope(scope).Where(knob => knob.Positional).ToList();
        var position = 0;
        foreach (var argument in call.Arguments)
        {
            if (argument.Name is { } name)
            {
                settings.Add(context, new Setting(name.Text, name.Span, argument.Value), allowExtras);
                continue;
            }
            if (position < positional.Count)
            {
                settings.Add(context, new Setting(positional[position++].Key, argument.Value.Span, argument.Value), allowExtras);
                continue;
            }
            context.Report(DiagnosticCatalog.TooManyArguments(context.Source, argument.Span, call.CalleeName ?? scope, positional.Count));
        }
        return settings;
    }

    private void Add(BindContext context, Setting setting, bool allowExtras)
    {
        if (byKey.ContainsKey(setting.Key) || extras.Any(extra => extra.Key == setting.Key))
        {
            context.Report(DiagnosticCatalog.DuplicateKey(context.Source, setting.KeySpan, setting.Key));
            return;
        }
        if (KnobTable.Find(Scope, setting.Key) is null)
        {
            if (allowExtras)
            {
                extras.Add(setting);
                return;
            }
            var known = KnobTable.InScope(Scope).Select(knob => knob.Key);
            context.Report(DiagnosticCatalog.UnknownKey(context.Source, setting.KeySpan, setting.Key, Scope, NameSuggestions.Hint(setting.Key, known)));
            return;
        }
        byKey[setting.Key] = setting;
    }

    public Setting? Get(Knob knob) => byKey.GetValueOrDefault(knob.Key);

    public bool Has(Knob knob) => byKey.ContainsKey(knob.Key);
}
