using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Emit;

/// <summary>
/// The plan as flat "path → value" pairs ("rl.loss.clip.high" → "0.28"), without spans or absolute
/// paths: what a resume compares to explain why a checkpoint no longer fits the spec, and what the
/// spec hash is computed from, so comments and layout never invalidate a checkpoint.
/// </summary>
public static class PlanKnobs
{
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(TrainingPlan plan)
    {
        var knobs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Visit(plan, "", knobs);
        return [.. knobs];
    }

    public static string Hash(TrainingPlan plan)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in Flatten(plan)) text.Append(key).Append('=').Append(value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static void Visit(object? value, string path, IDictionary<string, string> knobs)
    {
        switch (value)
        {
            case null:
                knobs[path] = "none";
                return;
            case string text:
                knobs[path] = text;
                return;
            case double number:
                knobs[path] = number.ToString("R", CultureInfo.InvariantCulture);
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value is Enum:
                knobs[path] = formattable.ToString(null, CultureInfo.InvariantCulture).ToLowerInvariant();
                return;
            case bool flag:
                knobs[path] = flag ? "true" : "false";
                return;
            case BoundExpression expression:
                knobs[path] = BoundExpressionText.Render(expression);
                return;
            case StagePlan stage:
                VisitProperties(stage, path, knobs);
                return;
            case IEnumerable sequence:
                var items = sequence.Cast<object?>().ToList();
                if (items.All(item => item is string or double or int or bool)) knobs[path] = "[" + string.Join(", ", items.Select(Scalar)) + "]";
                else for (var i = 0; i < items.Count; i++) Visit(items[i], Join(path, NameOf(items[i]) ?? i.ToString(CultureInfo.InvariantCulture)), knobs);
                return;
            default:
                VisitProperties(value, path, knobs);
                return;
        }
    }

    private static void VisitProperties(object value, string path, IDictionary<string, string> knobs)
    {
        if (path.Length > 0 && IsPolymorphic(value))
        {
            knobs[Join(path, "kind")] = value.GetType().Name;
        }
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (IsIgnored(property)) continue;
            Visit(property.GetValue(value), Join(path, property.Name), knobs);
        }
    }

    /// <summary>Spans move with every edit; absolute paths and the base folder differ between machines.</summary>
    private static bool IsIgnored(PropertyInfo property) =>
        property.PropertyType == typeof(TextSpan)
        || property.PropertyType == typeof(PhaseKind)
        || property.Name is "IsNumeric"
        || property.GetIndexParameters().Length > 0
        || property.Name is "FullPath" or "BaseDirectory" or "SourcePath" or "Directory" or "EqualityContract" or "Edges" or "Phases" or "Holes";

    private static bool IsPolymorphic(object value) => value.GetType().BaseType is { IsAbstract: true } baseType && baseType != typeof(object) && baseType != typeof(StagePlan);

    private static string? NameOf(object? item) => item?.GetType().GetProperty("Name")?.GetValue(item) as string;

    private static string Scalar(object? item) => item switch
    {
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(item, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Join(string path, string name) => path.Length == 0 ? Snake(name) : path + "." + Snake(name);

    private static string Snake(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1])) builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
