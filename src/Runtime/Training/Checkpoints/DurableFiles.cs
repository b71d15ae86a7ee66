using System.Runtime.InteropServices;

namespace Reft.Runtime.Training.Checkpoints;

/// <summary>File writes that reach the disk before a rename publishes them, so a kill or power
/// loss can never expose a checkpoint whose manifest exists but whose data does not.</summary>
public static partial class DurableFiles
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Flushes a file that someone else wrote (a model's own Save) to the disk.</summary>
    public static void SyncFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>A rename is durable only once the directory holding the entry is synced.</summary>
    public static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var descriptor = Open(path, 0 /* O_RDONLY */);
        if (descriptor < 0) return;
        try { _ = Fsync(descriptor); }
        finally { _ = Close(descriptor); }
    }

    /// <summary>Writes to a sibling temporary file and renames it over the target, so readers see
    /// either the old or the new content, never a mix.</summary>
    public static void ReplaceAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId;
        WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
