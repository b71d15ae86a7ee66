namespace Reft.Compiler.Explain;

public enum ExplainFormat
{
    Text,
    Mermaid,
    Dot,
}
