using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace Reft.Compiler.Emit;

/// <summary>
/// The assemblies generated code is compiled against: the running framework's own assemblies (so the
/// generated assembly binds to exactly what will load it) plus the runtime and its dependencies.
/// </summary>
public static class FrameworkReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Framework = new(LoadFramework);

    /// <summary>The directory of the running framework (System.Private.CoreLib and friends).</summary>
    public static string FrameworkDirectory => RuntimeEnvironment.GetRuntimeDirectory();

    public static IReadOnlyList<MetadataReference> ForRuntime(string runtimeAssemblyPath)
    {
        var references = new List<MetadataReference>(Framework.Value)
        {
            MetadataReference.CreateFromFile(runtimeAssemblyPath),
        };
        references.AddRange(RuntimeDependencies(runtimeAssemblyPath));
        return references;
    }

    /// <summary>
    /// Managed assemblies beside the runtime that are not ours: public runtime signatures may mention
    /// their types, so the compiler needs them, while <see cref="GeneratedCodePolicy"/> forbids using them.
    /// </summary>
    private static IEnumerable<MetadataReference> RuntimeDependencies(string runtimeAssemblyPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(runtimeAssemblyPath))!;
        using var stream = File.OpenRead(runtimeAssemblyPath);
        using var reader = new PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        foreach (var handle in metadata.AssemblyReferences)
        {
            var name = metadata.GetString(metadata.GetAssemblyReference(handle).Name);
            var candidate = Path.Combine(directory, name + ".dll");
            if (File.Exists(candidate) && !File.Exists(Path.Combine(FrameworkDirectory, name + ".dll")))
            {
                yield return MetadataReference.CreateFromFile(candidate);
            }
        }
    }

    private static IReadOnlyList<MetadataReference> LoadFramework()
    {
        var references = new List<MetadataReference>();
        foreach (var path in Directory.EnumerateFiles(FrameworkDirectory, "*.dll").Order(StringComparer.Ordinal))
        {
            if (IsManagedAssembly(path))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }
        return references;
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            return reader.HasMetadata && System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader).IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
