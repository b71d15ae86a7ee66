using System.Runtime.InteropServices;

namespace Reft.Runtime.Torch;

/// <summary>Owns one native at::Tensor handle; counts live handles for leak tests.</summary>
public sealed class TensorHandle : SafeHandle
{
    private static long live;

    /// <summary>Native tensor handles not yet freed, process-wide.</summary>
    public static long LiveCount => Interlocked.Read(ref live);

    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    internal TensorHandle(IntPtr pointer) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        Interlocked.Increment(ref live);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.reft_tensor_free(handle);
        Interlocked.Decrement(ref live);
        return true;
    }
}
