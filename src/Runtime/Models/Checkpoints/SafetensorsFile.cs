using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Reft.Runtime.Models;

/// <summary>
/// A safetensors file opened for reading: its header is validated on open, tensor bytes are read
/// on demand with positioned reads, so a large checkpoint is never held in memory twice.
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    private const int LengthPrefixBytes = 8;

    private readonly SafeFileHandle handle;
    private readonly long dataStart;

    private SafetensorsFile(string path, SafeFileHandle handle, SafetensorsHeader header, long dataStart)
    {
        Path = path;
        this.handle = handle;
        Header = header;
        this.dataStart = dataStart;
    }

    public string Path { get; }

    public SafetensorsHeader Header { get; }

    public static SafetensorsFile Open(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, $"cannot open the file ({error.Message}); check that it exists and is readable");
        }

        try
        {
            var fileLength = RandomAccess.GetLength(handle);
            var headerLength = ReadHeaderLength(path, handle, fileLength);
            var headerBytes = new byte[headerLength];
            ReadFully(handle, headerBytes, LengthPrefixBytes);
            var dataStart = LengthPrefixBytes + headerLength;
            var header = SafetensorsHeader.Parse(path, headerBytes, fileLength - dataStart);
            return new SafetensorsFile(path, handle, header, dataStart);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public SafetensorsEntry Entry(string name) =>
        Header.TryGet(name, out var entry)
            ? entry
            : throw new ModelFileException(Path, $"has no tensor '{name}'; the checkpoint does not match the model's config.json");

    /// <summary>Reads the raw little-endian bytes of one tensor.</summary>
    public byte[] ReadBytes(SafetensorsEntry entry)
    {
        if (entry.ByteLength > Array.MaxLength)
        {
            throw new ModelFileException(Path, $"tensor '{entry.Name}' is {entry.ByteLength} bytes, larger than one read can hold; split the checkpoint into smaller shards");
        }

        var bytes = new byte[entry.ByteLength];
        ReadExactly(bytes, dataStart + entry.Begin, entry.Name);
        return bytes;
    }

    public void Dispose() => handle.Dispose();

    private static long ReadHeaderLength(string path, SafeFileHandle handle, long fileLength)
    {
        if (fileLength < LengthPrefixBytes)
        {
            throw new ModelFileException(path,
                $"the file is {fileLength} bytes, shorter than the 8-byte safetensors length prefix; it is truncated or not a safetensors file");
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixBytes];
        ReadFully(handle, prefix, 0);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > SafetensorsHeader.MaxHeaderBytes)
        {
            throw new ModelFileException(path,
                $"corrupt safetensors header: the length prefix claims a {headerLength}-byte header, over the format's limit of {SafetensorsHeader.MaxHeaderBytes}; the file is damaged or not a safetensors file");
        }

        if ((long)headerLength > fileLength - LengthPrefixBytes)
        {
            throw new ModelFileException(path,
                $"the header should be {headerLength} bytes but only {fileLength - LengthPrefixBytes} follow the length prefix; the file is truncated, download or copy it again");
        }

        return (long)headerLength;
    }

    private void ReadExactly(Span<byte> buffer, long offset, string tensorName)
    {
        var read = ReadFully(handle, buffer, offset);
        if (read < buffer.Length)
        {
            throw new ModelFileException(Path, $"tensor '{tensorName}' ends past the end of the file; the file is truncated, download or copy it again");
        }
    }

    private static int ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
