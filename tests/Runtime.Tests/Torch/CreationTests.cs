using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Torch;

public class CreationTests
{
    [Fact]
    public void TensorsFromEveryArrayTypeKeepValuesShapeAndDtype()
    {
        using var scope = torch.NewDisposeScope();
        var f = torch.tensor(new float[] { 1.5f, -2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal(new long[] { 2, 3 }, f.shape);
        Assert.Equal(new float[] { 1.5f, -2, 3, 4, 5, 6 }, f.data<float>());
        Assert.Equal(ScalarType.Float64, torch.tensor(new double[] { 0.1 }).dtype);
        Assert.Equal(0.1, torch.tensor(new double[] { 0.1 }).ToDouble());
        Assert.Equal(new long[] { long.MaxValue, -1 }, torch.tensor(new long[] { long.MaxValue, -1 }).data<long>());
        Assert.Equal(ScalarType.Int32, torch.tensor(new int[] { 7 }).dtype);
        Assert.Equal(new bool[] { true, false, true }, torch.tensor(new bool[] { true, false, true }).data<bool>());
        Assert.Equal(ScalarType.Bool, torch.tensor(new bool[] { true }).dtype);
        Assert.Equal(0, torch.tensor(3.0).dim());
        Assert.Equal(3L, torch.tensor(3L).item<long>());
    }

    [Fact]
    public void WrongElementCountForShapeIsRejected()
    {
        var error = Assert.Throws<TorchException>(() => torch.tensor(new float[] { 1, 2, 3 }, [2, 2]));
        Assert.Contains("do not fill shape [2, 2]", error.Message);
    }

    [Fact]
    public void DtypeConversionsTruncateAndRoundLikeTorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { -1.7f, 0.5f, 2.9f });
        Assert.Equal(new long[] { -1, 0, 2 }, x.to(ScalarType.Int64).data<long>());
        Assert.Equal(new bool[] { true, true, true }, x.to(ScalarType.Bool).data<bool>());
        // 1 + 2^-10 is exact in float16 but not in bfloat16 (7 mantissa bits).
        var fine = torch.tensor(new double[] { 1 + 1.0 / 1024 });
        Assert.Equal(1 + 1.0 / 1024, fine.to(ScalarType.Float16).ToDouble());
        Assert.Equal(1.0, fine.to(ScalarType.BFloat16).ToDouble());
        Assert.Equal(ScalarType.BFloat16, fine.to(torch.bfloat16).dtype);
        Assert.Equal(2, torch.zeros([3], torch.bfloat16).bytes().Length / 3);
    }

    [Fact]
    public void RawBytesRoundTripThroughBfloat16()
    {
        using var scope = torch.NewDisposeScope();
        // bfloat16 is the high half of float32: 1.0f = 0x3F80, -2.0f = 0xC000.
        var t = torch.from_bytes(new byte[] { 0x80, 0x3F, 0x00, 0xC0 }, ScalarType.BFloat16, [2]);
        Assert.Equal(new float[] { 1, -2 }, t.data<float>());
        Assert.Equal(new byte[] { 0x80, 0x3F, 0x00, 0xC0 }, t.bytes());
        Assert.Throws<TorchException>(() => torch.from_bytes(new byte[3], ScalarType.BFloat16, [2]));
    }

    [Fact]
    public void FactoriesFillTheRightValues()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new float[] { 0, 0, 0, 0 }, torch.zeros([2, 2]).data<float>());
        Assert.Equal(new double[] { 1, 1 }, torch.ones([2], torch.float64).data<double>());
        Assert.Equal(new float[] { 2.5f, 2.5f, 2.5f }, torch.full([3], 2.5).data<float>());
        Assert.Equal(new long[] { 0, 1, 2, 3 }, torch.arange(4).data<long>());
        Assert.Equal(ScalarType.Int64, torch.arange(4).dtype);
        Assert.Equal(new long[] { 2, 5, 8 }, torch.arange(2, 10, 3).data<long>());
        Assert.Equal(new float[] { 0, 0.5f, 1, 1.5f }, torch.arange(0.0, 2.0, 0.5).data<float>());
        Assert.Equal(new long[] { 3, 1 }, torch.zeros_like(torch.ones([3, 1])).shape);
        Assert.Equal(5, torch.empty([5]).numel());
    }

    [Fact]
    public void SeededGeneratorsReproduceAndStayInRange()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(42);
        using var g2 = new Generator(42);
        Assert.Equal(torch.randn([8], generator: g1).data<float>(), torch.randn([8], generator: g2).data<float>());
        var uniform = torch.rand([1000], generator: g1).data<float>();
        Assert.All(uniform, v => Assert.InRange(v, 0f, 1f));
        Assert.InRange(uniform.Average(), 0.45, 0.55);
        var ints = torch.randint(3, 7, [1000], generator: g1).data<long>();
        Assert.All(ints, v => Assert.InRange(v, 3, 6));
        Assert.Equal(4, ints.Distinct().Count());
        var normal = torch.randn([4000], torch.float64, generator: g1).data<double>();
        Assert.InRange(normal.Average(), -0.1, 0.1);
        Assert.InRange(Math.Sqrt(normal.Select(v => v * v).Average()), 0.95, 1.05);
        g2.manual_seed(7);
        using var g3 = new Generator(7);
        Assert.Equal(torch.rand([3], generator: g2).data<float>(), torch.rand([3], generator: g3).data<float>());
    }

    [Fact]
    public void TorchUsesEveryCoreFromTheStart() => Assert.Equal(Environment.ProcessorCount, torch.get_num_threads());

    [Fact]
    public void CloneDetachContiguousAndInPlaceOps()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var copy = x.clone();
        x.fill_(9);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, copy.data<float>());
        var t = copy.transpose(0, 1);
        Assert.False(t.is_contiguous());
        Assert.True(t.contiguous().is_contiguous());
        Assert.Equal(new float[] { 1, 3, 2, 4 }, t.contiguous().data<float>());
        copy.zero_();
        Assert.Equal(new float[] { 0, 0, 0, 0 }, copy.data<float>());
        copy.copy_(torch.ones([2]));
        Assert.Equal(new float[] { 1, 1, 1, 1 }, copy.data<float>());
        Assert.False(torch.ones([1], requires_grad: true).detach().requires_grad);
        Assert.Equal(new float[] { 9, 9, 9, 9 }, x.data<float>());
        Assert.Equal("cpu", x.device.ToString());
        Assert.Equal(new Device(DeviceType.CUDA, 1), Device.Parse("cuda:1"));
        Assert.Throws<ArgumentException>(() => Device.Parse("tpu"));
    }
}

/// <summary>The global generator is shared by every thread, so these run alone.</summary>
[Collection(nameof(SerialCollection))]
public class GlobalSeedTests
{
    [Fact]
    public void ManualSeedMakesTheDefaultGeneratorRepeat()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(123);
        var first = torch.rand([5]).data<float>();
        torch.manual_seed(123);
        Assert.Equal(first, torch.rand([5]).data<float>());
    }
}
