using System.Runtime.InteropServices;

namespace Reft.Runtime.Torch;

/// <summary>
/// A libtorch tensor. Each instance owns one native handle, freed by Dispose, by the dispose scope
/// it was created in, or at the latest by the finalizer. Ops live in the partial files Tensor.*.cs.
/// </summary>
public sealed unsafe partial class Tensor : IDisposable
{
    internal readonly TensorHandle Handle;

    internal DisposeScope? Scope { get; set; }

    private Tensor(IntPtr pointer)
    {
        Handle = new TensorHandle(pointer);
        DisposeScope.Current?.Add(this);
    }

    /// <summary>Wraps a handle returned by the shim; null means the call failed.</summary>
    internal static Tensor Wrap(IntPtr pointer) =>
        pointer == IntPtr.Zero ? throw NativeMethods.Failure() : new Tensor(pointer);

    /// <summary>Native tensor handles alive in the process (for leak tests).</summary>
    public static long TotalCount => TensorHandle.LiveCount;

    public bool IsInvalid => Handle.IsInvalid || Handle.IsClosed;

    public void Dispose()
    {
        Scope?.Remove(this);
        Handle.Dispose();
    }

    public Tensor MoveToOuterDisposeScope()
    {
        Scope?.MoveToOuter(this);
        return this;
    }

    public Tensor DetachFromDisposeScope()
    {
        Scope?.Remove(this);
        return this;
    }

    // ---- metadata ----

    public long Dimensions => Checked(NativeMethods.reft_tensor_dim(Handle));

    public long dim() => Dimensions;

    public long[] shape
    {
        get
        {
            var result = new long[Dimensions];
            fixed (long* p = result) NativeMethods.reft_tensor_shape(Handle, p);
            NativeMethods.Check();
            return result;
        }
    }

    public long size(long dim)
    {
        var dims = shape;
        return dims[dim < 0 ? dim + dims.Length : dim];
    }

    public long numel() => Checked(NativeMethods.reft_tensor_numel(Handle));

    public ScalarType dtype => (ScalarType)Checked(NativeMethods.reft_tensor_dtype(Handle));

    public DeviceType device_type => (DeviceType)Checked(NativeMethods.reft_tensor_device_type(Handle));

    public Device device => new(device_type, Checked(NativeMethods.reft_tensor_device_index(Handle)));

    public bool is_contiguous() => Checked(NativeMethods.reft_tensor_is_contiguous(Handle));

    public override string ToString() => $"Tensor[{string.Join(", ", shape)}] {dtype} {device}";

    // ---- conversion and copies ----

    public Tensor to(ScalarType type) => To(type, device, copy: false);

    public Tensor to(Device target) => To(dtype, target, copy: false);

    public Tensor to(ScalarType type, Device target, bool copy = false) => To(type, target, copy);

    public Tensor to_type(ScalarType type) => to(type);

    public Tensor cpu() => to(Device.CPU);

    public Tensor cuda(int index = -1) => to(new Device(DeviceType.CUDA, index));

    private Tensor To(ScalarType type, Device target, bool copy) =>
        Wrap(NativeMethods.reft_tensor_to(Handle, (int)type, (int)target.type, target.index, copy));

    public Tensor contiguous() => Wrap(NativeMethods.reft_tensor_contiguous(Handle));

    public Tensor clone() => Wrap(NativeMethods.reft_tensor_clone(Handle));

    public Tensor detach() => Wrap(NativeMethods.reft_tensor_detach(Handle));

    /// <summary>A second handle to the same tensor (shares storage and autograd history).</summary>
    public Tensor alias() => Wrap(NativeMethods.reft_tensor_alias(Handle));

    public Tensor copy_(Tensor source)
    {
        NativeMethods.reft_tensor_copy_(Handle, source.Handle);
        NativeMethods.Check();
        return this;
    }

    public Tensor fill_(double value)
    {
        NativeMethods.reft_tensor_fill_(Handle, value);
        NativeMethods.Check();
        return this;
    }

    public Tensor zero_()
    {
        NativeMethods.reft_tensor_zero_(Handle);
        NativeMethods.Check();
        return this;
    }

    /// <summary>All elements in row-major order, converted to <typeparamref name="T"/> on the CPU.</summary>
    public T[] data<T>() where T : unmanaged
    {
        var result = new T[numel()];
        fixed (T* p = result) NativeMethods.reft_tensor_copy_to(Handle, (int)ScalarTypeExtensions.Of<T>(), p, result.Length);
        NativeMethods.Check();
        return result;
    }

    /// <summary>The raw bytes of the tensor's elements in its own dtype (e.g. bfloat16 weights).</summary>
    public byte[] bytes()
    {
        var type = dtype;
        var result = new byte[numel() * type.ElementSize()];
        fixed (byte* p = result) NativeMethods.reft_tensor_copy_to(Handle, (int)type, p, numel());
        NativeMethods.Check();
        return result;
    }

    /// <summary>The single element of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        if (numel() != 1) throw new TorchException($"item() needs a tensor with one element, but this one has {numel()}");
        return data<T>()[0];
    }

    public float ToSingle() => (float)ToDouble();

    public double ToDouble() => Checked(NativeMethods.reft_tensor_item_double(Handle));

    public long ToInt64() => Checked(NativeMethods.reft_tensor_item_long(Handle));

    public bool ToBoolean() => ToInt64() != 0;

    internal static T Checked<T>(T value)
    {
        NativeMethods.Check();
        return value;
    }

    internal static IntPtr OptionalHandle(Tensor? tensor) =>
        tensor is null ? IntPtr.Zero : tensor.Handle.DangerousGetHandle();

    /// <summary>Raw handles of a list of tensors; keep the list alive until the native call returns.</summary>
    internal static IntPtr[] Handles(IReadOnlyList<Tensor> tensors)
    {
        var handles = new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++)
        {
            if (tensors[i].IsInvalid) throw new ObjectDisposedException(nameof(Tensor), $"tensor {i} of the list was disposed");
            handles[i] = tensors[i].Handle.DangerousGetHandle();
        }
        return handles;
    }
}
