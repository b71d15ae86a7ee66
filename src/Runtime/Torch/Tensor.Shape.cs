namespace Reft.Runtime.Torch;

public sealed unsafe partial class Tensor
{
    public Tensor view(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(NativeMethods.reft_shape_view(Handle, p, shape.Length));
    }

    public Tensor reshape(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(NativeMethods.reft_shape_reshape(Handle, p, shape.Length));
    }

    public Tensor transpose(long dim0, long dim1) => Wrap(NativeMethods.reft_shape_transpose(Handle, dim0, dim1));

    /// <summary>Swaps the last two dimensions.</summary>
    public Tensor mT => transpose(-2, -1);

    public Tensor permute(params long[] dims)
    {
        fixed (long* p = dims) return Wrap(NativeMethods.reft_shape_permute(Handle, p, dims.Length));
    }

    public Tensor unsqueeze(long dim) => Wrap(NativeMethods.reft_shape_unsqueeze(Handle, dim));

    /// <summary>Removes dimension <paramref name="dim"/> if it has size 1; with no dim, every size-1 dimension.</summary>
    public Tensor squeeze(long? dim = null) => Wrap(NativeMethods.reft_shape_squeeze(Handle, dim ?? 0, dim is null));

    public Tensor flatten(long start_dim = 0, long end_dim = -1) =>
        Wrap(NativeMethods.reft_shape_flatten(Handle, start_dim, end_dim));

    public Tensor narrow(long dim, long start, long length) => Wrap(NativeMethods.reft_shape_narrow(Handle, dim, start, length));

    /// <summary>Elements start..end (exclusive) with a step along one dimension, like Python's x[..., start:end:step].</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) =>
        Wrap(NativeMethods.reft_shape_slice(Handle, dim, start, end, step));

    /// <summary>Index <paramref name="index"/> of dimension <paramref name="dim"/>, which is removed.</summary>
    public Tensor select(long dim, long index) => Wrap(NativeMethods.reft_shape_select(Handle, dim, index));

    /// <summary>x[i]: the sub-tensor at index i of the first dimension.</summary>
    public Tensor this[long index] => select(0, index);

    public Tensor expand(params long[] sizes)
    {
        fixed (long* p = sizes) return Wrap(NativeMethods.reft_shape_expand(Handle, p, sizes.Length));
    }

    public Tensor expand_as(Tensor other) => expand(other.shape);

    public Tensor repeat(params long[] repeats)
    {
        fixed (long* p = repeats) return Wrap(NativeMethods.reft_shape_repeat(Handle, p, repeats.Length));
    }

    public Tensor flip(params long[] dims)
    {
        fixed (long* p = dims) return Wrap(NativeMethods.reft_shape_flip(Handle, p, dims.Length));
    }

    public Tensor index_select(long dim, Tensor index) => Wrap(NativeMethods.reft_shape_index_select(Handle, dim, index.Handle));

    public Tensor gather(long dim, Tensor index) => Wrap(NativeMethods.reft_shape_gather(Handle, dim, index.Handle));

    public Tensor scatter(long dim, Tensor index, Tensor src) =>
        Wrap(NativeMethods.reft_shape_scatter(Handle, dim, index.Handle, src.Handle));

    public Tensor scatter_add(long dim, Tensor index, Tensor src) =>
        Wrap(NativeMethods.reft_shape_scatter_add(Handle, dim, index.Handle, src.Handle));

    public Tensor masked_fill(Tensor mask, double value) => Wrap(NativeMethods.reft_shape_masked_fill(Handle, mask.Handle, value));

    public Tensor tril(long diagonal = 0) => Wrap(NativeMethods.reft_shape_tril(Handle, diagonal));

    public Tensor triu(long diagonal = 0) => Wrap(NativeMethods.reft_shape_triu(Handle, diagonal));
}
