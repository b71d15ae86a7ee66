#pragma warning disable CS8981 // lower-case names mirror PyTorch and TorchSharp
using System.Runtime.InteropServices;

namespace Reft.Runtime.Torch;

public static unsafe partial class torch
{
    /// <summary>Saves named tensors to one file (libtorch's archive format).</summary>
    public static void save(IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        var names = tensors.Keys.ToArray();
        var nameHandles = names.Select(n => Marshal.StringToCoTaskMemUTF8(n)).ToArray();
        try
        {
            var handles = Tensor.Handles(names.Select(n => tensors[n]).ToArray());
            fixed (IntPtr* namePointers = nameHandles)
            fixed (IntPtr* tensorPointers = handles)
                NativeMethods.reft_io_save(namePointers, tensorPointers, names.Length, path);
            GC.KeepAlive(tensors);
            NativeMethods.Check();
        }
        finally
        {
            foreach (var pointer in nameHandles) Marshal.FreeCoTaskMem(pointer);
        }
    }

    /// <summary>Loads the named tensors written by <see cref="save"/>.</summary>
    public static Dictionary<string, Tensor> load(string path)
    {
        if (!File.Exists(path)) throw new TorchException($"{path}: no such file; check the checkpoint path");
        var archive = NativeMethods.reft_io_load(path);
        if (archive == IntPtr.Zero) throw NativeMethods.Failure();
        try
        {
            var count = Tensor.Checked(NativeMethods.reft_io_archive_count(archive));
            var result = new Dictionary<string, Tensor>();
            for (long i = 0; i < count; i++)
            {
                var name = ArchiveName(archive, i);
                result[name] = Tensor.Wrap(NativeMethods.reft_io_archive_tensor(archive, name));
            }
            return result;
        }
        finally
        {
            NativeMethods.reft_io_archive_free(archive);
        }
    }

    private static string ArchiveName(IntPtr archive, long index)
    {
        var buffer = new byte[256];
        while (true)
        {
            long length;
            fixed (byte* p = buffer) length = NativeMethods.reft_io_archive_name(archive, index, p, buffer.Length);
            NativeMethods.Check();
            if (length < buffer.Length) return System.Text.Encoding.UTF8.GetString(buffer, 0, (int)length);
            buffer = new byte[length + 1];
        }
    }
}
