using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Reft.Runtime.Training.Checkpoints;

namespace Reft.Runtime.Tests.Training.KillTarget;

/// <summary>Saves float arrays by name into one file and loads them back in place: the checkpoint
/// part of <see cref="FakeTraining"/>'s plain-array model, which needs no libtorch.</summary>
public sealed class NamedArraysPart(string name, IReadOnlyDictionary<string, float[]> arrays) : ICheckpointPart
{
    private const string FileName = "arrays.bin";
    private static readonly byte[] Magic = "REFTARR1"u8.ToArray();

    public string Name { get; } = name;

    public void Save(string folder)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Magic);
        WriteInt(buffer, arrays.Count);
        foreach (var (key, values) in arrays.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var keyBytes = Encoding.UTF8.GetBytes(key);
            WriteInt(buffer, keyBytes.Length);
            buffer.Write(keyBytes);
            WriteInt(buffer, values.Length);
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            if (BitConverter.IsLittleEndian) buffer.Write(bytes);
            else foreach (var value in values) WriteInt(buffer, BitConverter.SingleToInt32Bits(value));
        }
        DurableFiles.WriteAllBytes(Path.Combine(folder, FileName), buffer.ToArray());
    }

    public void Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var bytes = File.ReadAllBytes(path);
        var reader = new SpanReader(bytes, path);
        if (!reader.Take(Magic.Length).SequenceEqual(Magic))
            throw new CheckpointException($"{path}: not a named-arrays file (wrong header); delete this checkpoint folder");
        var count = reader.Int();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < count; index++)
        {
            var key = Encoding.UTF8.GetString(reader.Take(reader.Int()));
            var length = reader.Int();
            if (!arrays.TryGetValue(key, out var target))
                throw new CheckpointException($"{path}: holds array '{key}' that this run does not have; was the checkpoint written by another spec?");
            if (target.Length != length)
                throw new CheckpointException($"{path}: array '{key}' has {length} values, this run expects {target.Length}; was the checkpoint written by another spec?");
            var source = reader.Take(length * sizeof(float));
            for (var i = 0; i < length; i++)
                target[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(source[(i * 4)..]));
            seen.Add(key);
        }
        var missing = arrays.Keys.Where(key => !seen.Contains(key)).ToList();
        if (missing.Count > 0)
            throw new CheckpointException($"{path}: lacks array(s) {string.Join(", ", missing)}; was the checkpoint written by another spec?");
    }

    private static void WriteInt(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private ref struct SpanReader(ReadOnlySpan<byte> bytes, string path)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || _position + count > _bytes.Length)
                throw new CheckpointException($"{path}: file ends early (truncated write); delete this checkpoint folder");
            var slice = _bytes.Slice(_position, count);
            _position += count;
            return slice;
        }

        public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));
    }
}
