using System.Collections;
using System.Text;

namespace Reft.Language.Syntax;

/// <summary>
/// Writes a tree as indented text without spans: two trees that mean the same thing dump the same,
/// which is how the formatter proves it changed layout only.
/// </summary>
public static class SyntaxDumper
{
    public static string Dump(SyntaxNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, int indent)
    {
        switch (value)
        {
            case null:
                builder.Append("null\n");
                break;
            case SyntaxNode node:
                builder.Append(node.GetType().Name).Append('\n');
                foreach (var property in node.GetType().GetProperties())
                {
                    // Only positional (init) properties are data; computed ones repeat it.
                    if (property.PropertyType == typeof(TextSpan) || !property.CanWrite)
                    {
                        continue;
                    }
                    builder.Append(' ', indent + 2).Append(property.Name).Append(": ");
                    Write(builder, property.GetValue(node), indent + 2);
                }
                break;
            case string text:
                builder.Append('"').Append(text.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\"", "\\\"")).Append("\"\n");
                break;
            case IEnumerable items:
                builder.Append("[\n");
                foreach (var item in items)
                {
                    builder.Append(' ', indent + 2);
                    Write(builder, item, indent + 2);
                }
                builder.Append(' ', indent).Append("]\n");
                break;
            default:
                builder.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                break;
        }
    }

}
