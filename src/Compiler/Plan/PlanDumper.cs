using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Reft.Compiler.Plan;

/// <summary>
/// Every property of a plan as an indented text tree, spans as line:col. Generic over the records,
/// so a new knob shows up in the bound-plan baselines without anyone remembering to print it.
/// </summary>
public static class PlanDumper
{
    /// <summary>Paths under the plan's base directory print relative to it, so dumps match on every machine.</summary>
    public static string Dump(TrainingPlan plan, SourceText source)
    {
        var builder = new StringBuilder();
        new Writer(builder, source, plan.BaseDirectory).Write("plan", plan, 0);
        return builder.ToString();
    }

    private sealed class Writer(StringBuilder builder, SourceText source, string baseDirectory)
    {
        public void Write(string name, object? value, int depth)
        {
            builder.Append(' ', depth * 2).Append(name);
            switch (value)
            {
                case null:
                    builder.Append(": none\n");
                    return;
                case TextSpan span:
                    var location = source.GetLocation(span);
                    builder.Append(": ").Append(location.Line).Append(':').Append(location.Column).Append('\n');
                    return;
                case string text:
                    builder.Append(": \"").Append(Relative(text)).Append("\"\n");
                    return;
                case double number:
                    builder.Append(": ").Append(number.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                    return;
                case IFormattable or bool or Enum:
                    builder.Append(": ").Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
                    return;
                case IEnumerable items:
                    var list = items.Cast<object?>().ToList();
                    builder.Append(list.Count == 0 ? ": []\n" : ":\n");
                    for (var i = 0; i < list.Count; i++)
                        Write($"[{i}]", list[i], depth + 1);
                    return;
            }
            var type = value.GetType();
            builder.Append(": ").Append(type.Name).Append('\n');
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                // Records' own data has init setters; derived helpers (Phases, HeadDim) have none.
                if (property.GetIndexParameters().Length > 0 || property.SetMethod is null)
                    continue;
                Write(property.Name, property.GetValue(value), depth + 1);
            }
        }

        private string Relative(string text) =>
            text == baseDirectory ? "."
            : text.StartsWith(baseDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? "./" + Path.GetRelativePath(baseDirectory, text)
            : text;
    }
}
