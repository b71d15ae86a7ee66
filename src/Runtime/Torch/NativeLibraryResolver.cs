using System.Reflection;
using System.Runtime.InteropServices;

namespace Reft.Runtime.Torch;

/// <summary>
/// Finds libreft_native.so when it was not copied next to the assemblies: first REFT_NATIVE_DIR,
/// then a build/native folder in the assembly's directory or any parent (a repo checkout).
/// </summary>
internal static class NativeLibraryResolver
{
    internal const string LibraryName = "reft_native";
    private const string FileName = "libreft_native.so";

    /// <summary>Called once, before the first native call, from NativeMethods' static constructor.</summary>
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName) return IntPtr.Zero;
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle)) return handle;
        foreach (var candidate in Candidates(assembly))
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out handle)) return handle;
        return IntPtr.Zero;
    }

    private static IEnumerable<string> Candidates(Assembly assembly)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("REFT_NATIVE_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment)) yield return Path.Combine(fromEnvironment, FileName);
        var start = Path.GetDirectoryName(assembly.Location);
        if (string.IsNullOrEmpty(start)) start = AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            yield return Path.Combine(dir.FullName, "build", "native", FileName);
    }
}
