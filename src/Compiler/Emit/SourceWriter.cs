using System.Text;

namespace Reft.Compiler.Emit;

/// <summary>
/// Builds C# text with consistent indentation and "\n" line endings, so that the same plan always
/// yields byte-identical source (the assembly cache is keyed by that text).
/// </summary>
public sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder text = new();
    private int depth;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < depth; i++) text.Append(IndentUnit);
            text.Append(line);
        }
        text.Append('\n');
    }

    public void Comment(string comment) => Line("// " + comment);

    /// <summary>Preprocessor lines start in column 0 whatever the indentation.</summary>
    public void Directive(string directive) => text.Append(directive).Append('\n');

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until disposed.</summary>
    public BlockScope Block(string header)
    {
        Line(header);
        Line("{");
        depth++;
        return new BlockScope(this, "}");
    }

    /// <summary>A block that ends with "};" (object and collection initialisers).</summary>
    public BlockScope InitializerBlock(string header)
    {
        Line(header);
        Line("{");
        depth++;
        return new BlockScope(this, "};");
    }

    public override string ToString() => text.ToString();

    public readonly struct BlockScope(SourceWriter writer, string closing) : IDisposable
    {
        /// <summary>Closes the block; a blank line right before a closing brace is dropped.</summary>
        public void Dispose()
        {
            writer.depth--;
            var text = writer.text;
            if (text.Length >= 2 && text[^1] == '\n' && text[^2] == '\n') text.Length--;
            writer.Line(closing);
        }
    }
}
