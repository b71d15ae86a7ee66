using System.Runtime.InteropServices;

namespace Reft.Runtime.Torch;

internal static unsafe partial class NativeMethods
{
    private const string Lib = NativeLibraryResolver.LibraryName;

    [LibraryImport(Lib)] internal static partial long reft_tensor_dim(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void reft_tensor_shape(TensorHandle t, long* shape);
    [LibraryImport(Lib)] internal static partial long reft_tensor_numel(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int reft_tensor_dtype(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int reft_tensor_device_type(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int reft_tensor_device_index(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_from_data(void* data, int dataType, long* shape, long ndim, int dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial void reft_tensor_copy_to(TensorHandle t, int dtype, void* destination, long count);
    [LibraryImport(Lib)] internal static partial double reft_tensor_item_double(TensorHandle t);
    [LibraryImport(Lib)] internal static partial long reft_tensor_item_long(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_empty(long* shape, long ndim, int dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_zeros(long* shape, long ndim, int dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_ones(long* shape, long ndim, int dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_full(long* shape, long ndim, double value, int dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_rand(long* shape, long ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_randn(long* shape, long ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_randint(long low, long high, long* shape, long ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_to(TensorHandle t, int dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool copy);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_contiguous(TensorHandle t);
    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool reft_tensor_is_contiguous(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_clone(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_detach(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr reft_tensor_alias(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void reft_tensor_copy_(TensorHandle t, TensorHandle source);
    [LibraryImport(Lib)] internal static partial void reft_tensor_fill_(TensorHandle t, double value);
    [LibraryImport(Lib)] internal static partial void reft_tensor_zero_(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr reft_generator_new(ulong seed, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial void reft_generator_free(IntPtr generator);
    [LibraryImport(Lib)] internal static partial void reft_generator_manual_seed(IntPtr generator, ulong seed);
    [LibraryImport(Lib)] internal static partial void reft_random_manual_seed(ulong seed);

    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool reft_autograd_requires_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void reft_autograd_set_requires_grad(TensorHandle t, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Lib)] internal static partial void reft_autograd_backward(TensorHandle t, IntPtr gradient, [MarshalAs(UnmanagedType.U1)] bool retainGraph);
    [LibraryImport(Lib)] internal static partial IntPtr reft_autograd_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void reft_autograd_zero_grad(TensorHandle t);
    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool reft_autograd_is_grad_enabled();
    [LibraryImport(Lib)] internal static partial void reft_autograd_set_grad_enabled([MarshalAs(UnmanagedType.U1)] bool enabled);
    [LibraryImport(Lib)] internal static partial double reft_autograd_clip_grad_norm(IntPtr* parameters, long count, double maxNorm, double normType);

    [LibraryImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool reft_cuda_is_available();
    [LibraryImport(Lib)] internal static partial long reft_cuda_device_count();
    [LibraryImport(Lib)] internal static partial void reft_cuda_synchronize(int device);
    [LibraryImport(Lib)] internal static partial long reft_cuda_memory_allocated(int device);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial void reft_io_save(IntPtr* names, IntPtr* tensors, long count, string path);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr reft_io_load(string path);
    [LibraryImport(Lib)] internal static partial long reft_io_archive_count(IntPtr archive);
    [LibraryImport(Lib)] internal static partial long reft_io_archive_name(IntPtr archive, long index, byte* output, long capacity);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr reft_io_archive_tensor(IntPtr archive, string name);
    [LibraryImport(Lib)] internal static partial void reft_io_archive_free(IntPtr archive);

    [LibraryImport(Lib)] internal static partial IntPtr reft_optim_adamw_new(IntPtr* parameters, long count, double lr, double beta1, double beta2, double eps, double weightDecay, [MarshalAs(UnmanagedType.U1)] bool amsgrad);
    [LibraryImport(Lib)] internal static partial void reft_optim_adamw_free(IntPtr optimizer);
    [LibraryImport(Lib)] internal static partial void reft_optim_adamw_step(IntPtr optimizer);
    [LibraryImport(Lib)] internal static partial void reft_optim_adamw_zero_grad(IntPtr optimizer);
    [LibraryImport(Lib)] internal static partial void reft_optim_adamw_set_lr(IntPtr optimizer, double lr);
    [LibraryImport(Lib)] internal static partial double reft_optim_adamw_get_lr(IntPtr optimizer);
    [LibraryImport(Lib)] internal static partial long reft_optim_adamw_get_state(IntPtr optimizer, long index, IntPtr* expAvg, IntPtr* expAvgSq, IntPtr* maxExpAvgSq);
    [LibraryImport(Lib)] internal static partial void reft_optim_adamw_set_state(IntPtr optimizer, long index, long step, TensorHandle expAvg, TensorHandle expAvgSq, IntPtr maxExpAvgSq);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial void reft_optim_adamw_save(IntPtr optimizer, string path);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial void reft_optim_adamw_load(IntPtr optimizer, string path);
}
