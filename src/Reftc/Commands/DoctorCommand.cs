using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Reft.Runtime.Torch;

namespace Reft.Cli.Commands;

/// <summary>
/// <c>reftc doctor [--device cuda:N|cpu]</c>: is this setup working? Prints what reftc runs on and,
/// for every CUDA device (or the one named), whether it computes what the CPU computes, in float32
/// and in bfloat16. Exit code 1 when the native runtime does not load or a check fails.
/// </summary>
public static class DoctorCommand
{
    private static readonly ScalarType[] CheckedTypes = [ScalarType.Float32, ScalarType.BFloat16];

    public static Command Create()
    {
        var device = new Option<string?>("--device")
        {
            Description = "Check only this device against the CPU: cuda:N, or cpu to run the checks CPU against CPU",
        };
        var command = new Command("doctor", "Check the setup: native runtime, libtorch, threads, CUDA devices, and CPU agreement of each device") { device };
        command.SetAction(parse => Run(parse.GetValue(device), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string? deviceRequest, TextWriter output, TextWriter error)
    {
        Device? requested = null;
        if (deviceRequest is not null)
        {
            try { requested = Device.Parse(deviceRequest); }
            catch (ArgumentException)
            {
                error.WriteLine($"reftc: error: --device '{deviceRequest}' is not a device; use cuda:N (N = 0, 1, ...) or cpu");
                return ReftCli.UsageError;
            }
        }

        Fact(output, "reftc", Version());
        Fact(output, ".NET", RuntimeInformation.FrameworkDescription);
        if (NativeRuntime.Problem() is { } unavailable)
        {
            Fact(output, "native runtime", "not loaded");
            error.WriteLine(unavailable);
            return ReftCli.Failure;
        }

        Fact(output, "native runtime", LoadedLibraries.Find("libreft_native.so") ?? "loaded");
        Fact(output, "libtorch", LibtorchDescription());
        Fact(output, "threads", torch.get_num_threads().ToString(CultureInfo.InvariantCulture));
        var deviceCount = torch.cuda.is_available() ? (int)torch.cuda.device_count() : 0;
        Fact(output, "CUDA", deviceCount == 0 ? "not available (0 devices)" : $"available, {deviceCount} device{(deviceCount == 1 ? "" : "s")}");

        var targets = Targets(requested, deviceCount, error);
        if (targets is null) return ReftCli.Failure;
        if (targets.Count == 0)
        {
            output.WriteLine("no CUDA device: GPU checks skipped");
            return ReftCli.Success;
        }

        var allOk = true;
        foreach (var target in targets)
        {
            output.WriteLine($"{target} against cpu (tolerance |Δ| ≤ abs + rel·max|reference|: float32 {Describe(Tolerance.Float32)}, bfloat16 {Describe(Tolerance.BFloat16)})");
            foreach (var dtype in CheckedTypes)
            {
                foreach (var result in DeviceAgreement.Run(target, dtype))
                {
                    output.WriteLine(Line(result));
                    allOk &= result.Ok;
                }
            }

            if (target.type == DeviceType.CUDA)
            {
                Fact(output, $"memory in use on {target} after the checks", Mebibytes(torch.cuda.memory_allocated(target.index)));
            }
        }

        output.WriteLine(allOk ? "all checks ok" : "some checks FAILED: this device does not compute what the CPU computes; do not train on it");
        return allOk ? ReftCli.Success : ReftCli.Failure;
    }

    /// <summary>One line of the report: ok/FAILED, the check, the dtype, the largest difference and what was allowed.</summary>
    public static string Line(AgreementResult result)
    {
        var verdict = result.Ok ? "ok" : "FAILED";
        var measure = result.Error is { } message
            ? $"error: {FirstLine(message)}"
            : $"max|Δ| {Number(result.MaxAbsDifference)} (allowed {Number(result.Allowed)})";
        return $"  {verdict,-7}{result.Check,-24}{DTypeName(result.DType),-10}{measure}";
    }

    /// <summary>The CUDA devices to check: the one requested (cpu checks the CPU against itself), else all; null after an error.</summary>
    private static IReadOnlyList<Device>? Targets(Device? requested, int deviceCount, TextWriter error)
    {
        if (requested is null) return Enumerable.Range(0, deviceCount).Select(index => new Device(DeviceType.CUDA, index)).ToList();
        if (requested.type == DeviceType.CPU) return [Device.CPU];
        var index = Math.Max(requested.index, 0);
        if (index < deviceCount) return [new Device(DeviceType.CUDA, index)];
        error.WriteLine(deviceCount == 0
            ? $"reftc: error: {requested} was asked for, but CUDA is not available (no device, or a libtorch built without CUDA)"
            : $"reftc: error: {requested} was asked for, but there are only {deviceCount} CUDA devices (cuda:0 to cuda:{deviceCount - 1})");
        return null;
    }

    private static void Fact(TextWriter output, string name, string value) => output.WriteLine($"{name,-16} {value}");

    private static string Version()
    {
        var assembly = typeof(DoctorCommand).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }

    /// <summary>The shim reports no libtorch version, so this names the library file the loader chose (its name carries the version on distributions).</summary>
    private static string LibtorchDescription()
    {
        var cpu = LoadedLibraries.Find("libtorch_cpu.so");
        if (cpu is null) return "loaded (its files are not visible here)";
        return LoadedLibraries.Find("libtorch_cuda.so") is { } cuda ? $"{cpu} + {Path.GetFileName(cuda)}" : cpu;
    }

    private static string Describe(Tolerance tolerance) => $"{Number(tolerance.Absolute)} + {Number(tolerance.Relative)}·max";

    private static string DTypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.BFloat16 => "bfloat16",
        _ => dtype.ToString(),
    };

    private static string Number(double value) => value.ToString("0.0e+00", CultureInfo.InvariantCulture);

    private static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
