namespace Reft.Runtime.Torch;

/// <summary>
/// Frees every tensor created on this thread while it is the innermost scope, except those moved
/// out. Scopes nest per thread; open one with <c>torch.NewDisposeScope()</c> in a using statement.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly HashSet<Tensor> owned = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    /// <summary>Tensors this scope will free.</summary>
    public int Count => owned.Count;

    internal void Add(Tensor tensor)
    {
        owned.Add(tensor);
        tensor.Scope = this;
    }

    internal void Remove(Tensor tensor)
    {
        owned.Remove(tensor);
        tensor.Scope = null;
    }

    /// <summary>Hands the tensor to the enclosing scope (or to nobody at the outermost level).</summary>
    internal void MoveToOuter(Tensor tensor)
    {
        Remove(tensor);
        outer?.Add(tensor);
    }

    /// <summary>Moves the given tensors out, frees the rest.</summary>
    public void MoveToOuter(params Tensor[] tensors)
    {
        foreach (var tensor in tensors) tensor.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var tensor in owned)
        {
            tensor.Scope = null;
            tensor.Dispose();
        }
        owned.Clear();
        // A scope disposed out of order unlinks itself without dropping the scopes inside it.
        if (current == this) current = outer;
    }
}
