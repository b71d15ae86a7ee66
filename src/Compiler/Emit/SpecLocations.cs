namespace Reft.Compiler.Emit;

/// <summary>Spec positions for generated code: <c>#line</c> directives and "file:line" comments.</summary>
public sealed class SpecLocations(SourceText spec)
{
    /// <summary>The spec path as written in directives: forward slashes, no quotes (a #line file name cannot escape them).</summary>
    public string Path { get; } = spec.Path.Replace('\\', '/').Replace("\"", "", StringComparison.Ordinal);

    public string Describe(TextSpan span)
    {
        var location = spec.GetLocation(span);
        return $"{Path}:{location.Line}";
    }

    /// <summary>
    /// Maps the next generated line to the span in the spec, so that compile errors and exception
    /// stack traces name the .reft line that produced the code.
    /// </summary>
    public string LineDirective(TextSpan span)
    {
        var start = spec.GetLocation(span.Start);
        var end = spec.GetLocation(Math.Max(span.End, span.Start + 1));
        if (end.Line < start.Line || (end.Line == start.Line && end.Column <= start.Column))
        {
            end = start with { Column = start.Column + 1 };
        }
        return $"#line ({start.Line}, {start.Column}) - ({end.Line}, {end.Column}) \"{Path}\"";
    }

    public const string DefaultDirective = "#line default";

    /// <summary>Writes one statement mapped to <paramref name="span"/>.</summary>
    public void Mapped(SourceWriter writer, TextSpan span, string statement)
    {
        writer.Directive(LineDirective(span));
        writer.Line(statement);
        writer.Directive(DefaultDirective);
    }

    public string Excerpt(TextSpan span)
    {
        var text = spec.ToString(span).ReplaceLineEndings(" ");
        return text.Length <= 100 ? text : text[..97] + "...";
    }
}
