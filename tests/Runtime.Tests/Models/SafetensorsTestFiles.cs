using System.Buffers.Binary;
using System.Text;

namespace Reft.Runtime.Tests.Models;

/// <summary>Hand-built safetensors files, so that every corruption a reader must reject can be written exactly.</summary>
internal static class SafetensorsTestFiles
{
    public static byte[] Build(string headerJson, int dataBytes)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var file = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        for (var i = 0; i < dataBytes; i++)
        {
            file[8 + header.Length + i] = (byte)(i * 7 + 1);
        }

        return file;
    }

    public static string Write(TempFolder folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

/// <summary>A folder under the system temp directory, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("reft-model-test-").FullName;
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
