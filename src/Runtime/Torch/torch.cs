#pragma warning disable CS8981 // lower-case names mirror PyTorch and TorchSharp
namespace Reft.Runtime.Torch;

/// <summary>Entry point mirroring TorchSharp's <c>torch</c>: creation, scopes, RNG, threads.</summary>
public static unsafe partial class torch
{
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType float16 = ScalarType.Float16;
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType int8 = ScalarType.Int8;
    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType @bool = ScalarType.Bool;

    public static readonly Device CPU = Device.CPU;
    public static readonly Device CUDA = Device.CUDA;

    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Runs <paramref name="body"/> in a fresh scope and keeps only the tensor it returns.</summary>
    public static Tensor WrappedTensorDisposeScope(Func<Tensor> body)
    {
        using var scope = NewDisposeScope();
        return body().MoveToOuterDisposeScope();
    }

    // ---- from C# data ----

    public static Tensor tensor(float[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<float>(data, dimensions, dtype ?? ScalarType.Float32, device, requires_grad);
    public static Tensor tensor(double[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<double>(data, dimensions, dtype ?? ScalarType.Float64, device, requires_grad);
    public static Tensor tensor(long[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<long>(data, dimensions, dtype ?? ScalarType.Int64, device, requires_grad);
    public static Tensor tensor(int[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<int>(data, dimensions, dtype ?? ScalarType.Int32, device, requires_grad);
    public static Tensor tensor(bool[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<bool>(data, dimensions, dtype ?? ScalarType.Bool, device, requires_grad);

    public static Tensor tensor(float value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<float>([value], [], dtype ?? ScalarType.Float32, device, requires_grad);
    public static Tensor tensor(double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<double>([value], [], dtype ?? ScalarType.Float64, device, requires_grad);
    public static Tensor tensor(long value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<long>([value], [], dtype ?? ScalarType.Int64, device, requires_grad);
    public static Tensor tensor(bool value, ScalarType? dtype = null, Device? device = null) =>
        FromSpan<bool>([value], [], dtype ?? ScalarType.Bool, device, false);

    /// <summary>A tensor from raw little-endian bytes of <paramref name="dtype"/> (e.g. safetensors data).</summary>
    public static Tensor from_bytes(ReadOnlySpan<byte> data, ScalarType dtype, long[] dimensions, Device? device = null)
    {
        var count = dimensions.Aggregate(1L, (a, b) => a * b);
        if (count * dtype.ElementSize() != data.Length)
            throw new TorchException($"{data.Length} bytes do not hold a {dtype} tensor of shape [{string.Join(", ", dimensions)}] ({count * dtype.ElementSize()} bytes)");
        return FromRaw(data, dtype, dimensions, dtype, device, false);
    }

    private static Tensor FromSpan<T>(ReadOnlySpan<T> data, long[]? dimensions, ScalarType dtype, Device? device, bool requires_grad)
        where T : unmanaged
    {
        dimensions ??= [data.Length];
        var count = dimensions.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length)
            throw new TorchException($"{data.Length} values do not fill shape [{string.Join(", ", dimensions)}] ({count} elements)");
        return FromRaw(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data), ScalarTypeExtensions.Of<T>(), dimensions, dtype, device, requires_grad);
    }

    private static Tensor FromRaw(ReadOnlySpan<byte> data, ScalarType sourceType, long[] dimensions, ScalarType dtype, Device? device, bool requires_grad)
    {
        device ??= Device.CPU;
        fixed (byte* p = data)
        fixed (long* shape = dimensions)
            return Tensor.Wrap(NativeMethods.reft_tensor_from_data(p, (int)sourceType, shape, dimensions.Length, (int)dtype, (int)device.type, device.index, requires_grad));
    }

    // ---- factories ----

    public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(&NativeMethods.reft_tensor_empty, size, dtype, device, requires_grad);
    public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(&NativeMethods.reft_tensor_zeros, size, dtype, device, requires_grad);
    public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(&NativeMethods.reft_tensor_ones, size, dtype, device, requires_grad);

    private static Tensor Factory(delegate*<long*, long, int, int, int, bool, IntPtr> create, long[] size, ScalarType? dtype, Device? device, bool requires_grad)
    {
        device ??= Device.CPU;
        fixed (long* p = size) return Tensor.Wrap(create(p, size.Length, (int)(dtype ?? ScalarType.Float32), (int)device.type, device.index, requires_grad));
    }

    public static Tensor zeros_like(Tensor input, ScalarType? dtype = null) => zeros(input.shape, dtype ?? input.dtype, input.device);
    public static Tensor ones_like(Tensor input, ScalarType? dtype = null) => ones(input.shape, dtype ?? input.dtype, input.device);

    public static Tensor full(long[] size, double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        device ??= Device.CPU;
        fixed (long* p = size)
            return Tensor.Wrap(NativeMethods.reft_tensor_full(p, size.Length, value, (int)(dtype ?? ScalarType.Float32), (int)device.type, device.index, requires_grad));
    }

    /// <summary>Integers start..stop-1 (int64 unless a dtype is given).</summary>
    public static Tensor arange(long stop, ScalarType? dtype = null, Device? device = null) => arange(0, stop, 1, dtype, device);

    public static Tensor arange(long start, long stop, long step = 1, ScalarType? dtype = null, Device? device = null) =>
        Arange(start, stop, step, dtype ?? ScalarType.Int64, device);

    /// <summary>Values start, start+step, ... below stop (float32 unless a dtype is given).</summary>
    public static Tensor arange(double start, double stop, double step, ScalarType? dtype = null, Device? device = null) =>
        Arange(start, stop, step, dtype ?? ScalarType.Float32, device);

    private static Tensor Arange(double start, double stop, double step, ScalarType dtype, Device? device)
    {
        device ??= Device.CPU;
        return Tensor.Wrap(NativeMethods.reft_tensor_arange(start, stop, step, (int)dtype, (int)device.type, device.index, false));
    }

    public static Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        Random(&NativeMethods.reft_tensor_rand, size, dtype, device, requires_grad, generator);

    public static Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        Random(&NativeMethods.reft_tensor_randn, size, dtype, device, requires_grad, generator);

    private static Tensor Random(delegate*<long*, long, IntPtr, int, int, int, bool, IntPtr> create, long[] size, ScalarType? dtype, Device? device, bool requires_grad, Generator? generator)
    {
        device ??= Device.CPU;
        fixed (long* p = size)
        {
            var result = create(p, size.Length, Generator.HandleOf(generator), (int)(dtype ?? ScalarType.Float32), (int)device.type, device.index, requires_grad);
            GC.KeepAlive(generator);
            return Tensor.Wrap(result);
        }
    }

    /// <summary>Integers uniformly drawn from [low, high).</summary>
    public static Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        device ??= Device.CPU;
        fixed (long* p = size)
        {
            var result = NativeMethods.reft_tensor_randint(low, high, p, size.Length, Generator.HandleOf(generator), (int)(dtype ?? ScalarType.Int64), (int)device.type, device.index);
            GC.KeepAlive(generator);
            return Tensor.Wrap(result);
        }
    }

    // ---- joins and selection ----

    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var handles = Tensor.Handles(tensors);
        fixed (IntPtr* p = handles)
        {
            var result = NativeMethods.reft_shape_cat(p, handles.Length, dim);
            GC.KeepAlive(tensors);
            return Tensor.Wrap(result);
        }
    }

    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var handles = Tensor.Handles(tensors);
        fixed (IntPtr* p = handles)
        {
            var result = NativeMethods.reft_shape_stack(p, handles.Length, dim);
            GC.KeepAlive(tensors);
            return Tensor.Wrap(result);
        }
    }

    public static Tensor where(Tensor condition, Tensor x, Tensor y) =>
        Tensor.Wrap(NativeMethods.reft_shape_where(condition.Handle, x.Handle, y.Handle));

    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor tril(Tensor input, long diagonal = 0) => input.tril(diagonal);
    public static Tensor triu(Tensor input, long diagonal = 0) => input.triu(diagonal);
    public static Tensor isfinite(Tensor input) => input.isfinite();

    /// <summary>Draws <paramref name="num_samples"/> indices per row with probability proportional to the row's weights.</summary>
    public static Tensor multinomial(Tensor input, long num_samples, bool replacement = false, Generator? generator = null)
    {
        var result = NativeMethods.reft_math_multinomial(input.Handle, num_samples, replacement, Generator.HandleOf(generator));
        GC.KeepAlive(generator);
        return Tensor.Wrap(result);
    }

    // ---- RNG, threads, grad mode ----

    /// <summary>Seeds torch's default generators (CPU and every CUDA device).</summary>
    public static void manual_seed(long seed)
    {
        NativeMethods.reft_random_manual_seed(unchecked((ulong)seed));
        NativeMethods.Check();
    }

    public static void set_num_threads(int threads)
    {
        NativeMethods.reft_threads_set(threads);
        NativeMethods.Check();
    }

    public static int get_num_threads() => Tensor.Checked(NativeMethods.reft_threads_get());

    public static bool is_grad_enabled() => Tensor.Checked(NativeMethods.reft_autograd_is_grad_enabled());

    /// <summary>Disables gradient recording on this thread until disposed (then restores the previous mode).</summary>
    public static IDisposable no_grad() => new GradMode(false);

    public static IDisposable enable_grad() => new GradMode(true);

    private sealed class GradMode : IDisposable
    {
        private readonly bool previous;

        public GradMode(bool enabled)
        {
            previous = is_grad_enabled();
            Set(enabled);
        }

        public void Dispose() => Set(previous);

        private static void Set(bool enabled)
        {
            NativeMethods.reft_autograd_set_grad_enabled(enabled);
            NativeMethods.Check();
        }
    }

    public static class random
    {
        public static void manual_seed(long seed) => torch.manual_seed(seed);
    }
}
