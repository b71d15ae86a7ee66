using System.Globalization;
using Reft.Runtime.Torch;

namespace Reft.Runtime.Training.Guards;

/// <summary>A device a run trains on: the CPU or one CUDA device.</summary>
public readonly record struct TrainingDevice(bool IsCuda, int Index)
{
    public static readonly TrainingDevice Cpu = new(false, 0);

    public Device ToTorch() => IsCuda ? new Device(DeviceType.CUDA, Index) : Device.CPU;

    public override string ToString() => IsCuda ? string.Create(CultureInfo.InvariantCulture, $"cuda:{Index}") : "cpu";
}

/// <summary>Turns the spec's <c>device:</c> value (auto, cpu, cuda, cuda:N) into a device of this
/// machine.</summary>
public static class DeviceSelection
{
    /// <param name="request">The spec's value.</param>
    /// <param name="cudaDeviceCount">CUDA devices available (<c>torch.cuda.device_count()</c>; 0 when CUDA is not).</param>
    public static TrainingDevice Resolve(string request, int cudaDeviceCount)
    {
        var text = request.Trim().ToLowerInvariant();
        if (text == "auto") return cudaDeviceCount > 0 ? new TrainingDevice(true, 0) : TrainingDevice.Cpu;
        if (text == "cpu") return TrainingDevice.Cpu;
        var index = 0;
        var isCuda = text == "cuda" || (text.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(text["cuda:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out index));
        if (!isCuda)
            throw new TrainingStoppedException($"device: error: '{request}' is not a device; write auto, cpu, cuda or cuda:N (N = 0, 1, ...)");
        if (cudaDeviceCount == 0)
            throw new TrainingStoppedException(
                $"device: error: '{request}' was asked for, but libtorch sees no CUDA device on this machine; " +
                "use `device: auto` or `device: cpu`, or run on a machine with an NVIDIA GPU and a CUDA build of libtorch");
        if (index >= cudaDeviceCount)
            throw new TrainingStoppedException(
                $"device: error: '{request}' was asked for, but this machine has {cudaDeviceCount} CUDA device(s) (cuda:0..cuda:{cudaDeviceCount - 1}); pick one of those");
        return new TrainingDevice(true, index);
    }
}
