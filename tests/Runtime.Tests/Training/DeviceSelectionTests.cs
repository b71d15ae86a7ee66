using Reft.Runtime.Training.Guards;

namespace Reft.Runtime.Tests.Training;

public sealed class DeviceSelectionTests
{
    [Theory]
    [InlineData("auto", 0, "cpu")]
    [InlineData("auto", 2, "cuda:0")]
    [InlineData("cpu", 2, "cpu")]
    [InlineData("cuda", 1, "cuda:0")]
    [InlineData("CUDA:1", 2, "cuda:1")]
    public void Resolves(string request, int devices, string expected) =>
        Assert.Equal(expected, DeviceSelection.Resolve(request, devices).ToString());

    [Fact]
    public void Cuda_without_a_gpu_is_a_clear_error()
    {
        var error = Assert.Throws<TrainingStoppedException>(() => DeviceSelection.Resolve("cuda", 0));
        Assert.Equal("device: error: 'cuda' was asked for, but libtorch sees no CUDA device on this machine; use `device: auto` or `device: cpu`, or run on a machine with an NVIDIA GPU and a CUDA build of libtorch", error.Message);
    }

    [Fact]
    public void A_device_index_beyond_the_machine_is_an_error() =>
        Assert.Contains("has 2 CUDA device(s) (cuda:0..cuda:1)", Assert.Throws<TrainingStoppedException>(() => DeviceSelection.Resolve("cuda:2", 2)).Message);

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void Unknown_devices_are_rejected(string request) =>
        Assert.Contains("is not a device; write auto, cpu, cuda or cuda:N", Assert.Throws<TrainingStoppedException>(() => DeviceSelection.Resolve(request, 1)).Message);

    [Fact]
    public void Converts_to_a_torch_device()
    {
        Assert.Equal("cuda:1", new TrainingDevice(true, 1).ToTorch().ToString());
        Assert.Equal("cpu", TrainingDevice.Cpu.ToTorch().ToString());
    }
}
