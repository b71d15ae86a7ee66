using System.Runtime.InteropServices;

namespace Reft.Runtime.Torch;

/// <summary>
/// The shim's entry points. Partial so every area declares its own in NativeMethods.&lt;Area&gt;.cs.
/// Handle-returning calls return null exactly when they failed (see <see cref="Tensor.Wrap"/>);
/// every other call is followed by <see cref="Check"/>.
/// </summary>
internal static partial class NativeMethods
{
    static NativeMethods()
    {
        NativeLibraryResolver.Register();
        reft_threads_set(Environment.ProcessorCount);
    }

    [LibraryImport(NativeLibraryResolver.LibraryName)]
    [SuppressGCTransition]
    internal static partial IntPtr reft_last_error();

    /// <summary>Throws the pending native error, if any.</summary>
    internal static void Check()
    {
        var message = reft_last_error();
        if (message != IntPtr.Zero) throw new TorchException(Marshal.PtrToStringUTF8(message) ?? "native error");
    }

    /// <summary>Throws the pending native error; for calls whose null result already signalled it.</summary>
    internal static TorchException Failure()
    {
        var message = reft_last_error();
        return new TorchException(message == IntPtr.Zero ? "native call failed without a message" : Marshal.PtrToStringUTF8(message) ?? "native error");
    }

    [LibraryImport(NativeLibraryResolver.LibraryName)] internal static partial void reft_tensor_free(IntPtr t);
    [LibraryImport(NativeLibraryResolver.LibraryName)] internal static partial void reft_threads_set(int count);
    [LibraryImport(NativeLibraryResolver.LibraryName)] internal static partial int reft_threads_get();
}
