using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Reft.Compiler.Emit;

/// <summary>
/// The sandbox of generated code: it may use the runtime and a safe part of the base library, and
/// nothing else (no files, processes, reflection, network, native interop), so a spec from a
/// stranger cannot run arbitrary code even if the emitter had a bug. Checked on the semantic model:
/// every symbol a node binds to, and every type an expression has.
/// </summary>
public static class GeneratedCodePolicy
{
    public const string RuntimeAssemblyName = "Reft.Runtime";

    /// <summary>The namespace every generated pipeline class lives in.</summary>
    public const string GeneratedNamespace = "Reft.Generated";

    private static readonly HashSet<string> AllowedSystemNamespaces = new(StringComparer.Ordinal)
    {
        "System",
        "System.Collections.Generic",
        "System.Collections.Immutable",
        "System.Linq",
        "System.Text",
        "System.Globalization",
        "System.Threading",
        "System.Runtime.CompilerServices",
    };

    /// <summary>Types of allowed namespaces that still reach outside the process or into reflection.</summary>
    private static readonly HashSet<string> ForbiddenTypes = new(StringComparer.Ordinal)
    {
        "System.Environment",
        "System.AppDomain",
        "System.AppContext",
        "System.Activator",
        "System.Type",
        "System.GC",
        "System.Console",
        "System.Threading.Thread",
        "System.Threading.ThreadPool",
        "System.Runtime.CompilerServices.Unsafe",
        "System.Runtime.CompilerServices.RuntimeHelpers",
    };

    /// <summary>Single types from otherwise forbidden namespaces that the loop needs.</summary>
    private static readonly HashSet<string> AllowedTypes = new(StringComparer.Ordinal)
    {
        "System.Diagnostics.Stopwatch",
    };

    public sealed record Violation(Microsoft.CodeAnalysis.Location Location, string Symbol);

    public static IReadOnlyList<Violation> Check(CSharpCompilation compilation)
    {
        var violations = new List<Violation>();
        var reported = new HashSet<(int, string)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodesAndSelf())
            {
                foreach (var symbol in SymbolsOf(model, node))
                {
                    var offender = FindForbidden(symbol, compilation.Assembly);
                    if (offender is not null && reported.Add((node.SpanStart, offender)))
                    {
                        violations.Add(new Violation(node.GetLocation(), offender));
                    }
                }
            }
        }
        return violations;
    }

    private static IEnumerable<ISymbol> SymbolsOf(SemanticModel model, SyntaxNode node)
    {
        var info = model.GetSymbolInfo(node);
        if (info.Symbol is not null) yield return info.Symbol;
        foreach (var candidate in info.CandidateSymbols) yield return candidate;
        var type = model.GetTypeInfo(node);
        if (type.Type is not null) yield return type.Type;
        if (type.ConvertedType is not null) yield return type.ConvertedType;
        if (model.GetDeclaredSymbol(node) is { } declared) yield return declared;
    }

    /// <summary>The display name of the first forbidden thing <paramref name="symbol"/> stands for, or null.</summary>
    private static string? FindForbidden(ISymbol symbol, IAssemblySymbol self)
    {
        switch (symbol)
        {
            case IArrayTypeSymbol array:
                return FindForbidden(array.ElementType, self);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return symbol.ToDisplayString();
            case IDynamicTypeSymbol:
                return "dynamic";
            case ITypeParameterSymbol:
                return null;
            case INamespaceSymbol ns:
                return IsAllowedNamespace(ns.ToDisplayString(), partialPath: true) ? null : ns.ToDisplayString();
            case INamedTypeSymbol named:
                return FindForbiddenType(named, self);
            case ILocalSymbol local:
                return FindForbidden(local.Type, self);
            case IParameterSymbol parameter:
                return FindForbidden(parameter.Type, self);
            case IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol or IPreprocessingSymbol:
                return null;
            case IMethodSymbol method when method.MethodKind == MethodKind.AnonymousFunction:
                return null;
            default:
                if (symbol.ContainingType is { } containing)
                {
                    if (symbol is IMethodSymbol { IsExtern: true }) return symbol.ToDisplayString();
                    return FindForbiddenType(containing, self)
                        ?? (symbol is IMethodSymbol generic ? generic.TypeArguments.Select(t => FindForbidden(t, self)).FirstOrDefault(f => f is not null) : null);
                }
                return null;
        }
    }

    private static string? FindForbiddenType(INamedTypeSymbol type, IAssemblySymbol self)
    {
        foreach (var argument in type.TypeArguments)
        {
            if (FindForbidden(argument, self) is { } offender) return offender;
        }
        var original = type.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(original.ContainingAssembly, self)) return null;
        var name = original.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
        var genericFree = StripTypeParameters(name);
        if (original.ContainingAssembly?.Name == RuntimeAssemblyName)
        {
            return IsRuntimeNamespaceAllowed(original.ContainingNamespace.ToDisplayString()) ? null : genericFree;
        }
        if (!IsFrameworkAssembly(original.ContainingAssembly)) return genericFree;
        if (AllowedTypes.Contains(genericFree)) return null;
        var outermost = original;
        while (outermost.ContainingType is not null) outermost = outermost.ContainingType;
        var outerName = StripTypeParameters(outermost.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", ""));
        if (ForbiddenTypes.Contains(outerName)) return outerName;
        return IsAllowedNamespace(outermost.ContainingNamespace.ToDisplayString(), partialPath: false) ? null : genericFree;
    }

    private static string StripTypeParameters(string name)
    {
        var angle = name.IndexOf('<');
        return angle < 0 ? name : name[..angle];
    }

    private static bool IsFrameworkAssembly(IAssemblySymbol? assembly) =>
        assembly is not null && (assembly.Name.StartsWith("System", StringComparison.Ordinal) || assembly.Name is "mscorlib" or "netstandard");

    /// <summary>Interop with the native shim stays inside the runtime.</summary>
    private static bool IsRuntimeNamespaceAllowed(string ns) =>
        !ns.Split('.').Any(part => part is "Native" or "Interop");

    /// <summary>
    /// <paramref name="partialPath"/>: a namespace written as part of a qualified name
    /// (<c>global::System</c> on the way to <c>System.Linq</c>) is fine as long as some allowed
    /// namespace lies below it.
    /// </summary>
    private static bool IsAllowedNamespace(string ns, bool partialPath)
    {
        if (ns is "<global namespace>" or "Reft" || ns.StartsWith(GeneratedNamespace, StringComparison.Ordinal)) return true;
        if (ns.StartsWith(RuntimeAssemblyName, StringComparison.Ordinal)) return IsRuntimeNamespaceAllowed(ns);
        if (AllowedSystemNamespaces.Contains(ns)) return true;
        return partialPath && (AllowedSystemNamespaces.Any(allowed => allowed.StartsWith(ns + ".", StringComparison.Ordinal))
            || AllowedTypes.Any(allowed => allowed.StartsWith(ns + ".", StringComparison.Ordinal)));
    }
}
