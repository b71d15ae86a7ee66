namespace Reft.Runtime.Torch;

public sealed partial class Tensor
{
    public bool requires_grad
    {
        get => Checked(NativeMethods.reft_autograd_requires_grad(Handle));
        set
        {
            NativeMethods.reft_autograd_set_requires_grad(Handle, value);
            NativeMethods.Check();
        }
    }

    public Tensor requires_grad_(bool requires_grad = true)
    {
        this.requires_grad = requires_grad;
        return this;
    }

    /// <summary>The accumulated gradient (a new handle each call), or null before any backward.</summary>
    public Tensor? grad
    {
        get
        {
            var pointer = NativeMethods.reft_autograd_grad(Handle);
            NativeMethods.Check();
            return pointer == IntPtr.Zero ? null : Wrap(pointer);
        }
    }

    /// <summary>Backpropagates from this tensor; <paramref name="gradient"/> is needed unless it is a scalar.</summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false)
    {
        NativeMethods.reft_autograd_backward(Handle, OptionalHandle(gradient), retain_graph);
        GC.KeepAlive(gradient);
        NativeMethods.Check();
    }

    /// <summary>Drops the accumulated gradient.</summary>
    public void zero_grad()
    {
        NativeMethods.reft_autograd_zero_grad(Handle);
        NativeMethods.Check();
    }
}
