namespace Reft.Runtime.Models;

/// <summary>
/// One tensor's place in a safetensors file. <see cref="Begin"/> and <see cref="End"/> are byte
/// offsets into the data section that follows the header, as the format defines them.
/// </summary>
public sealed record SafetensorsEntry(string Name, SafetensorsDType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    public long ByteLength => End - Begin;

    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
