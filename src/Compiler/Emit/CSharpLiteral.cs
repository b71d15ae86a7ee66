using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Reft.Compiler.Emit;

/// <summary>Culture-invariant, round-trippable C# literals for values taken from a spec.</summary>
public static class CSharpLiteral
{
    /// <summary>A quoted, escaped string literal: spec text can never break out of it.</summary>
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Double(double value)
    {
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        if (double.IsNaN(value)) return "double.NaN";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text + "d" : text + ".0d";
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A C# identifier built from a spec name: letters, digits and '_' only, PascalCase.</summary>
    public static string Identifier(string specName)
    {
        var parts = System.Text.RegularExpressions.Regex.Split(specName, "[^A-Za-z0-9]+");
        var name = string.Concat(parts.Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) name = "_" + name;
        return name;
    }
}
