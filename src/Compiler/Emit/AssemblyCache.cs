using System.Security.Cryptography;
using System.Text;

namespace Reft.Compiler.Emit;

/// <summary>
/// Compiled pipelines on disk, keyed by a hash of everything that determines the bytes: the
/// generated source, this compiler, and the runtime it binds to. A hit skips Roslyn entirely.
/// </summary>
public sealed class AssemblyCache(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>$REFT_CACHE_DIR, else $XDG_CACHE_HOME/reft, else ~/.cache/reft; always an "assemblies" folder inside.</summary>
    public static AssemblyCache Default()
    {
        var root = Environment.GetEnvironmentVariable("REFT_CACHE_DIR");
        if (string.IsNullOrEmpty(root))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var baseDir = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            root = Path.Combine(baseDir, "reft");
        }
        return new AssemblyCache(Path.Combine(root, "assemblies"));
    }

    public static string Key(string source, string runtimeAssemblyPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(source));
        hash.AppendData(typeof(AssemblyCache).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        hash.AppendData(typeof(Microsoft.CodeAnalysis.Compilation).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        hash.AppendData(File.ReadAllBytes(runtimeAssemblyPath));
        hash.AppendData(Encoding.UTF8.GetBytes(FrameworkReferences.FrameworkDirectory));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public byte[]? TryLoad(string key)
    {
        var path = PathOf(key);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Best effort: a cache that cannot be written (read-only home, full disk) only costs a
    /// recompilation next time. Written to a temporary name and renamed, so readers never see half a file.
    /// </summary>
    public void Store(string key, byte[] image)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temporary = PathOf(key) + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, PathOf(key), overwrite: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".dll");
}
