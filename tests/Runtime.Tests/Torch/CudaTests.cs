using Reft.Runtime.Torch;
using F = Reft.Runtime.Torch.torch.nn.functional;

namespace Reft.Runtime.Tests.Torch;

/// <summary>A test that needs a CUDA device; skipped, with the reason shown, when there is none.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available())
            Skip = "no CUDA device (torch.cuda.is_available() is false); run on a GPU machine to exercise this test";
    }
}

public class CudaTests
{
    [Fact]
    public void DeviceQueriesAnswerWithoutAGpu()
    {
        Assert.Equal(torch.cuda.is_available(), torch.cuda.device_count() > 0);
        torch.cuda.synchronize();
        Assert.True(torch.cuda.memory_allocated() >= 0);
        if (!torch.cuda.is_available())
        {
            Assert.Throws<TorchException>(() => torch.zeros([1], device: Device.CUDA));
            Assert.Throws<TorchException>(() => new Generator(1, Device.CUDA));
        }
    }

    [CudaFact]
    public void TensorsRoundTripThroughTheGpu()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1, 2, 3 }).cuda();
        Assert.Equal(DeviceType.CUDA, x.device_type);
        Assert.Equal(new float[] { 2, 4, 6 }, (x * 2).cpu().data<float>());
        Assert.Equal(new float[] { 2, 4, 6 }, (x * 2).data<float>());
        Assert.True(torch.cuda.memory_allocated() > 0);
    }

    [CudaFact]
    public void MatmulAndAttentionOnGpuMatchCpu()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var a = torch.randn([64, 32], generator: g);
        var b = torch.randn([32, 16], generator: g);
        TensorAssert.Close(a.matmul(b).data<double>(), a.cuda().matmul(b.cuda()), 1e-3);
        var q = torch.randn([1, 2, 5, 8], generator: g);
        TensorAssert.Close(F.scaled_dot_product_attention(q, q, q, is_causal: true).data<double>(),
            F.scaled_dot_product_attention(q.cuda(), q.cuda(), q.cuda(), is_causal: true), 1e-3);
        var half = a.to(torch.bfloat16, Device.CUDA).matmul(b.to(torch.bfloat16, Device.CUDA));
        Assert.Equal(ScalarType.BFloat16, half.dtype);
        TensorAssert.Close(a.matmul(b).data<double>(), half, 5e-2);
        torch.cuda.synchronize();
    }

    [CudaFact]
    public void SeededGeneratorSamplingOnGpuRepeats()
    {
        using var scope = torch.NewDisposeScope();
        var probabilities = torch.tensor(new float[] { 0.1f, 0.2f, 0.7f }, device: Device.CUDA);
        using var sampler1 = new Generator(5, Device.CUDA);
        using var sampler2 = new Generator(5, Device.CUDA);
        Assert.Equal(torch.multinomial(probabilities, 20, true, sampler1).data<long>(), torch.multinomial(probabilities, 20, true, sampler2).data<long>());
        using var g1 = new Generator(9, Device.CUDA);
        using var g2 = new Generator(9, Device.CUDA);
        Assert.Equal(torch.randn([16], device: Device.CUDA, generator: g1).data<float>(), torch.randn([16], device: Device.CUDA, generator: g2).data<float>());
    }
}
