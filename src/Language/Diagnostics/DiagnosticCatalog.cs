using System.Collections.Immutable;
using System.Reflection;

namespace Reft.Language.Diagnostics;

/// <summary>
/// Every diagnostic code of reft. The class is split into partial files by code range
/// (Syntax 1xxx, Names 2xxx, Types 3xxx, Rules 4xxx); each file declares its codes as
/// <c>public static readonly DiagnosticDescriptor</c> fields next to a typed factory method.
/// <see cref="All"/> finds those fields by reflection, so a partial file registers its codes
/// just by declaring them.
/// </summary>
public static partial class DiagnosticCatalog
{
    private static readonly Lazy<ImmutableArray<DiagnosticDescriptor>> Descriptors = new(CollectDescriptors);

    /// <summary>All descriptors, ordered by code.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All => Descriptors.Value;

    public static DiagnosticDescriptor? Find(string code) =>
        All.FirstOrDefault(descriptor => string.Equals(descriptor.Code, code, StringComparison.OrdinalIgnoreCase));

    private static ImmutableArray<DiagnosticDescriptor> CollectDescriptors()
    {
        var descriptors = typeof(DiagnosticCatalog)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            .OrderBy(descriptor => descriptor.Code, StringComparer.Ordinal)
            .ToImmutableArray();
        var duplicate = descriptors.GroupBy(d => d.Code).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"diagnostic code {duplicate.Key} is declared twice in DiagnosticCatalog");
        }
        return descriptors;
    }

    private static DiagnosticDescriptor Error(string code, string title, string help) =>
        new(code, DiagnosticSeverity.Error, title, help);

    private static DiagnosticDescriptor Warning(string code, string title, string help) =>
        new(code, DiagnosticSeverity.Warning, title, help);
}
