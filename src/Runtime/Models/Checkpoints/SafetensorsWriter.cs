using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Reft.Runtime.Models;

/// <summary>A tensor to be written: its bytes are produced only when the writer reaches it.</summary>
public sealed record SafetensorsTensor(string Name, SafetensorsDType DType, IReadOnlyList<long> Shape, Func<ReadOnlyMemory<byte>> Bytes);

/// <summary>
/// Writes safetensors files in the layout other tools read: little-endian header length, JSON
/// header padded with spaces to an 8-byte boundary, then the tensors back to back in the given order.
/// The file appears atomically: it is written beside the target and renamed when complete.
/// </summary>
public static class SafetensorsWriter
{
    private const int Alignment = 8;

    public static void Write(string path, IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = HeaderBytes(tensors, metadata);
        var temporary = path + ".partial";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> prefix = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
            stream.Write(prefix);
            stream.Write(header);
            foreach (var tensor in tensors)
            {
                var bytes = tensor.Bytes();
                var expected = ExpectedBytes(tensor);
                if (bytes.Length != expected)
                {
                    throw new InvalidOperationException(
                        $"tensor '{tensor.Name}' ({tensor.DType} [{string.Join(", ", tensor.Shape)}]) produced {bytes.Length} bytes, expected {expected}");
                }

                stream.Write(bytes.Span);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static byte[] HeaderBytes(IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            var offset = 0L;
            foreach (var tensor in tensors)
            {
                var length = ExpectedBytes(tensor);
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.Name());
                json.WriteStartArray("shape");
                foreach (var dim in tensor.Shape)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += length;
            }

            json.WriteEndObject();
        }

        var padding = (Alignment - (int)(buffer.Length % Alignment)) % Alignment;
        buffer.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));
        return buffer.ToArray();
    }

    private static long ExpectedBytes(SafetensorsTensor tensor) =>
        tensor.Shape.Aggregate(1L, (product, dim) => product * dim) * tensor.DType.ElementSize();
}
