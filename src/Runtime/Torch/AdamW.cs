namespace Reft.Runtime.Torch;

/// <summary>The moment estimates AdamW keeps for one parameter (tensors are null before the first step).</summary>
public sealed record AdamWParameterState(long Step, Tensor? ExpAvg, Tensor? ExpAvgSq, Tensor? MaxExpAvgSq);

/// <summary>libtorch's AdamW over caller-owned parameters; its state can be read and restored for checkpoints.</summary>
public sealed unsafe class AdamW : IDisposable
{
    private IntPtr handle;

    public IReadOnlyList<Tensor> Parameters { get; }

    internal AdamW(IReadOnlyList<Tensor> parameters, double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad)
    {
        Parameters = parameters;
        var handles = Tensor.Handles(parameters);
        fixed (IntPtr* p = handles) handle = NativeMethods.reft_optim_adamw_new(p, handles.Length, lr, beta1, beta2, eps, weightDecay, amsgrad);
        GC.KeepAlive(parameters);
        if (handle == IntPtr.Zero) throw NativeMethods.Failure();
    }

    private IntPtr Live => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(AdamW));

    public void step()
    {
        NativeMethods.reft_optim_adamw_step(Live);
        NativeMethods.Check();
    }

    public void zero_grad()
    {
        NativeMethods.reft_optim_adamw_zero_grad(Live);
        NativeMethods.Check();
    }

    public double LearningRate
    {
        get => Tensor.Checked(NativeMethods.reft_optim_adamw_get_lr(Live));
        set
        {
            NativeMethods.reft_optim_adamw_set_lr(Live, value);
            NativeMethods.Check();
        }
    }

    /// <summary>State of parameter <paramref name="index"/> (copies are not made: the tensors alias the optimizer's).</summary>
    public AdamWParameterState GetState(int index)
    {
        IntPtr expAvg, expAvgSq, maxExpAvgSq;
        var step = NativeMethods.reft_optim_adamw_get_state(Live, index, &expAvg, &expAvgSq, &maxExpAvgSq);
        NativeMethods.Check();
        return new AdamWParameterState(step, Optional(expAvg), Optional(expAvgSq), Optional(maxExpAvgSq));
    }

    public void SetState(int index, AdamWParameterState state)
    {
        if (state.ExpAvg is null || state.ExpAvgSq is null)
            throw new ArgumentException("a restored AdamW state needs both moment estimates", nameof(state));
        NativeMethods.reft_optim_adamw_set_state(Live, index, state.Step, state.ExpAvg.Handle, state.ExpAvgSq.Handle, Tensor.OptionalHandle(state.MaxExpAvgSq));
        GC.KeepAlive(state);
        NativeMethods.Check();
    }

    /// <summary>Writes the whole optimizer state in libtorch's archive format.</summary>
    public void save(string path)
    {
        NativeMethods.reft_optim_adamw_save(Live, path);
        NativeMethods.Check();
    }

    public void load(string path)
    {
        NativeMethods.reft_optim_adamw_load(Live, path);
        NativeMethods.Check();
    }

    private static Tensor? Optional(IntPtr pointer) => pointer == IntPtr.Zero ? null : Tensor.Wrap(pointer);

    public void Dispose()
    {
        if (handle == IntPtr.Zero) return;
        NativeMethods.reft_optim_adamw_free(handle);
        handle = IntPtr.Zero;
        GC.SuppressFinalize(this);
    }

    ~AdamW() => Dispose();
}
