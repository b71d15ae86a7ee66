using Reft.Runtime.Torch;

namespace Reft.Runtime.Tests.Torch;

public class AutogradAndOptimTests
{
    [Fact]
    public void BackwardAccumulatesAndZeroGradClears()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3 }, requires_grad: true);
        Assert.True(x.requires_grad);
        Assert.Null(x.grad);
        (x * x).sum().backward();
        TensorAssert.Close([2, 4, 6], x.grad!);
        (x * 3).sum().backward();
        TensorAssert.Close([5, 7, 9], x.grad!);
        x.zero_grad();
        Assert.Null(x.grad);
        (x * 2).backward(torch.tensor(new double[] { 1, 0, -1 }));
        TensorAssert.Close([2, 0, -2], x.grad!);
        Assert.Throws<TorchException>(() => (x * 2).backward());
    }

    [Fact]
    public void NoGradStopsRecordingAndRestoresTheMode()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([2], requires_grad: true);
        Assert.True(torch.is_grad_enabled());
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            Assert.False((x * 2).requires_grad);
            using (torch.enable_grad()) Assert.True((x * 2).requires_grad);
            Assert.False(torch.is_grad_enabled());
        }
        Assert.True(torch.is_grad_enabled());
        Assert.True((x * 2).requires_grad);
        Assert.False(x.detach().requires_grad);
        Assert.False(x.requires_grad_(false).requires_grad);
    }

    [Fact]
    public void AdamWStepMatchesTheDecoupledUpdateFormula()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new double[] { 1.0, -2.0 }, requires_grad: true);
        using var optimizer = torch.optim.AdamW([w], lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01);
        (w * torch.tensor(new double[] { 3, 0.5 })).sum().backward();
        optimizer.step();
        // Step 1: m̂ = g, v̂ = g², so the update is lr·g/(|g|+eps) after decay w·(1 − lr·wd).
        double Expected(double w0, double g) => w0 * (1 - 0.1 * 0.01) - 0.1 * g / (Math.Abs(g) + 1e-8);
        TensorAssert.Close([Expected(1, 3), Expected(-2, 0.5)], w, 1e-9);
        var state = optimizer.GetState(0);
        Assert.Equal(1, state.Step);
        TensorAssert.Close([0.3, 0.05], state.ExpAvg!, 1e-9);
        TensorAssert.Close([0.009, 0.00025], state.ExpAvgSq!, 1e-9);
        optimizer.zero_grad();
        Assert.True(w.grad is null || w.grad.abs().sum().ToDouble() == 0);
        Assert.Equal(0.1, optimizer.LearningRate);
        optimizer.LearningRate = 0.05;
        Assert.Equal(0.05, optimizer.LearningRate);
        Assert.Throws<TorchException>(() => optimizer.GetState(3));
    }

    [Fact]
    public void AdamWStateRestoredByHandOrFromFileContinuesIdentically()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"reft-adamw-{Guid.NewGuid():N}.pt");
        var a = torch.tensor(new double[] { 1, 2 }, requires_grad: true);
        var b = torch.tensor(new double[] { 1, 2 }, requires_grad: true);
        var c = torch.tensor(new double[] { 1, 2 }, requires_grad: true);
        using var first = torch.optim.AdamW([a], lr: 0.1);
        using var second = torch.optim.AdamW([b], lr: 0.1);
        using var third = torch.optim.AdamW([c], lr: 0.1);
        void Step(AdamW optimizer, Tensor p)
        {
            optimizer.zero_grad();
            (p * p).sum().backward();
            optimizer.step();
        }
        Step(first, a);
        using (torch.no_grad()) { b.copy_(a); c.copy_(a); }
        second.SetState(0, first.GetState(0));
        first.save(path);
        third.load(path);
        File.Delete(path);
        Step(first, a);
        Step(second, b);
        Step(third, c);
        Assert.Equal(a.data<double>(), b.data<double>());
        Assert.Equal(a.data<double>(), c.data<double>());
        Assert.Equal(2, third.GetState(0).Step);
    }

    [Fact]
    public void ClipGradNormScalesAllGradientsJointly()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.tensor(new double[] { 1, 1 }, requires_grad: true);
        var q = torch.tensor(new double[] { 1 }, requires_grad: true);
        (p * torch.tensor(new double[] { 3, 0 })).sum().add((q * 4).sum()).backward();
        var norm = torch.nn.utils.clip_grad_norm_([p, q], 1.0);
        Assert.Equal(5.0, norm, 9);
        TensorAssert.Close([0.6, 0], p.grad!, 1e-5);
        TensorAssert.Close([0.8], q.grad!, 1e-5);
        Assert.Equal(1.0, torch.nn.utils.clip_grad_norm_([p, q], 10.0), 5);
        TensorAssert.Close([0.6, 0], p.grad!, 1e-5);
    }

    [Fact]
    public void NamedTensorsSurviveSaveAndLoad()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"reft-tensors-{Guid.NewGuid():N}.pt");
        var tensors = new Dictionary<string, Tensor>
        {
            ["model.embed.weight"] = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]),
            ["step"] = torch.tensor(new long[] { 7 }),
            ["half"] = torch.ones([3], torch.bfloat16),
        };
        torch.save(tensors, path);
        var loaded = torch.load(path);
        File.Delete(path);
        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        Assert.Equal(new float[] { 1, 2, 3, 4 }, loaded["model.embed.weight"].data<float>());
        Assert.Equal(new long[] { 2, 2 }, loaded["model.embed.weight"].shape);
        Assert.Equal(7L, loaded["step"].ToInt64());
        Assert.Equal(ScalarType.BFloat16, loaded["half"].dtype);
        var missing = Assert.Throws<TorchException>(() => torch.load(path));
        Assert.Contains(path, missing.Message);
    }
}
