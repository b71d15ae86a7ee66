namespace Reft.Cli.Commands;

/// <summary>
/// Where the loader found a shared library in this process. The native resolver tries several
/// folders and libtorch comes in through the shim's rpath, so the memory map is the one place
/// that knows which files were really loaded (Linux only; null elsewhere).
/// </summary>
public static class LoadedLibraries
{
    private const string MemoryMap = "/proc/self/maps";

    /// <summary>The path of the first mapped file whose name starts with <paramref name="fileNamePrefix"/>.</summary>
    public static string? Find(string fileNamePrefix)
    {
        if (!File.Exists(MemoryMap)) return null;
        return File.ReadLines(MemoryMap)
            .Select(MappedPath)
            .FirstOrDefault(path => path is not null && Path.GetFileName(path).StartsWith(fileNamePrefix, StringComparison.Ordinal));
    }

    /// <summary>The file of one maps line ("address perms offset dev inode path"); null for anonymous mappings.</summary>
    private static string? MappedPath(string line)
    {
        var start = line.IndexOf('/');
        return start < 0 ? null : line[start..];
    }
}
