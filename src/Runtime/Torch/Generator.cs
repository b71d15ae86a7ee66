namespace Reft.Runtime.Torch;

/// <summary>
/// A seeded random-number generator on one device, for reproducible sampling independent of the
/// global one. Tensors drawn with it must live on the same device (CPU by default).
/// </summary>
public sealed class Generator : IDisposable
{
    private IntPtr handle;
    private readonly Device device;

    public Device Device => device;

    public Generator(ulong seed = 0, Device? device = null)
    {
        this.device = device ?? Device.CPU;
        handle = NativeMethods.reft_generator_new(seed, (int)this.device.type, this.device.index);
        if (handle == IntPtr.Zero) throw NativeMethods.Failure();
    }

    public Generator manual_seed(long seed)
    {
        NativeMethods.reft_generator_manual_seed(Live, unchecked((ulong)seed));
        NativeMethods.Check();
        return this;
    }

    private IntPtr Live => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Generator));

    internal static IntPtr HandleOf(Generator? generator) => generator is null ? IntPtr.Zero : generator.Live;

    public void Dispose()
    {
        if (handle == IntPtr.Zero) return;
        NativeMethods.reft_generator_free(handle);
        handle = IntPtr.Zero;
        GC.SuppressFinalize(this);
    }

    ~Generator() => Dispose();
}
