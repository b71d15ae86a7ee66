using System.Text.RegularExpressions;

namespace Reft.Cli.Commands;

/// <summary>
/// Training needs libreft_native.so and the libtorch libraries it links against. When either cannot
/// be loaded, .NET throws DllNotFoundException (inside a TypeInitializationException), which would
/// otherwise read as a bug in reft; this says what is missing and which make target installs it.
/// </summary>
public static partial class NativeRuntime
{
    /// <summary>Loads the native library now, before the run opens its folder; null when it loads, else the error to print.</summary>
    public static string? Problem()
    {
        try
        {
            _ = Reft.Runtime.Torch.torch.get_num_threads();
            return null;
        }
        catch (Exception failure) when (Describe(failure) is { } message)
        {
            return message;
        }
    }

    /// <summary>The user-facing message for a failure to load the native runtime; null for any other exception.</summary>
    public static string? Describe(Exception failure)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case DllNotFoundException missing when MissingLibtorch(missing.Message) is { } library:
                    return $"reftc: error: libtorch is missing: libreft_native.so needs {library}, which the system cannot load; "
                        + "install libtorch with `make deps` (or put its lib folder on LD_LIBRARY_PATH), then run `make native`";
                case DllNotFoundException:
                    return "reftc: error: the native runtime libreft_native.so is missing (looked next to reftc, in $REFT_NATIVE_DIR and in build/native of the folders above it); "
                        + "build it with `make native` (it needs libtorch: `make deps` installs it)";
                case EntryPointNotFoundException stale:
                    return $"reftc: error: libreft_native.so is older than reftc ({stale.Message}); rebuild it with `make native`";
            }
        }
        return null;
    }

    /// <summary>The first libtorch library (libtorch*, libc10*) the loader reported it could not open.</summary>
    private static string? MissingLibtorch(string loaderMessage) =>
        TorchLibrary().Match(loaderMessage) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"(lib(?:torch|c10)[\w.+-]*\.so[\w.]*): cannot open shared object file")]
    private static partial Regex TorchLibrary();
}
