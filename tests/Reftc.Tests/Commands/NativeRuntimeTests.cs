using Reft.Cli.Commands;

namespace Reft.Cli.Tests.Commands;

/// <summary>A native runtime that cannot be loaded is reported as what is missing and which make
/// target provides it, not as an internal error. The loader messages are the ones .NET and glibc
/// write for a missing library and for a missing dependency of one.</summary>
public sealed class NativeRuntimeTests
{
    private const string Preamble = "Unable to load shared library 'reft_native' or one of its dependencies. In order to help diagnose loading problems, "
        + "consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG environment variable: \n";

    private static Exception FromStaticConstructor(Exception cause) =>
        new TypeInitializationException("Reft.Runtime.Torch.NativeMethods", cause);

    [Fact]
    public void A_missing_native_library_says_to_run_make_native()
    {
        var failure = FromStaticConstructor(new DllNotFoundException(Preamble
            + "/opt/reft/libreft_native.so: cannot open shared object file: No such file or directory\n"
            + "libreft_native.so: cannot open shared object file: No such file or directory\n"));

        var message = NativeRuntime.Describe(failure);

        Assert.NotNull(message);
        Assert.StartsWith("reftc: error: the native runtime libreft_native.so is missing", message);
        Assert.Contains("`make native`", message);
        Assert.DoesNotContain("internal error", message);
    }

    [Fact]
    public void A_missing_libtorch_names_the_library_and_says_to_run_make_deps()
    {
        var failure = FromStaticConstructor(new DllNotFoundException(Preamble
            + "/opt/reft/libreft_native.so: libtorch_cpu.so.1.13: cannot open shared object file: No such file or directory\n"));

        var message = NativeRuntime.Describe(failure);

        Assert.Equal("reftc: error: libtorch is missing: libreft_native.so needs libtorch_cpu.so.1.13, which the system cannot load; "
            + "install libtorch with `make deps` (or put its lib folder on LD_LIBRARY_PATH), then run `make native`", message);
    }

    [Fact]
    public void A_native_library_older_than_reftc_says_to_rebuild_it()
    {
        var message = NativeRuntime.Describe(new EntryPointNotFoundException("Unable to find an entry point named 'reft_layer_drop' in shared library 'reft_native'."));

        Assert.Equal("reftc: error: libreft_native.so is older than reftc (Unable to find an entry point named 'reft_layer_drop' in shared library 'reft_native'.); "
            + "rebuild it with `make native`", message);
    }

    [Fact]
    public void Other_failures_are_not_native_load_failures()
    {
        Assert.Null(NativeRuntime.Describe(new TypeInitializationException("Reft.Something", new InvalidOperationException("bug"))));
        Assert.Null(NativeRuntime.Describe(new KeyNotFoundException("no field")));
    }
}
