namespace Reft.Runtime.Torch;

public sealed unsafe partial class Tensor
{
    public Tensor add(Tensor other, double alpha = 1) => Wrap(NativeMethods.reft_math_add(Handle, other.Handle, alpha));
    public Tensor add(double other) => Wrap(NativeMethods.reft_math_add_scalar(Handle, other));
    public Tensor sub(Tensor other, double alpha = 1) => Wrap(NativeMethods.reft_math_sub(Handle, other.Handle, alpha));
    public Tensor sub(double other) => Wrap(NativeMethods.reft_math_add_scalar(Handle, -other));
    public Tensor mul(Tensor other) => Wrap(NativeMethods.reft_math_mul(Handle, other.Handle));
    public Tensor mul(double other) => Wrap(NativeMethods.reft_math_mul_scalar(Handle, other));
    public Tensor div(Tensor other) => Wrap(NativeMethods.reft_math_div(Handle, other.Handle));
    public Tensor div(double other) => Wrap(NativeMethods.reft_math_div_scalar(Handle, other));
    public Tensor pow(Tensor exponent) => Wrap(NativeMethods.reft_math_pow(Handle, exponent.Handle));
    public Tensor pow(double exponent) => Wrap(NativeMethods.reft_math_pow_scalar(Handle, exponent));
    public Tensor matmul(Tensor other) => Wrap(NativeMethods.reft_math_matmul(Handle, other.Handle));
    public Tensor bmm(Tensor other) => Wrap(NativeMethods.reft_math_bmm(Handle, other.Handle));
    public Tensor minimum(Tensor other) => Wrap(NativeMethods.reft_math_minimum(Handle, other.Handle));
    public Tensor maximum(Tensor other) => Wrap(NativeMethods.reft_math_maximum(Handle, other.Handle));

    public Tensor clamp(double? min = null, double? max = null) =>
        Wrap(NativeMethods.reft_math_clamp(Handle, min ?? 0, max ?? 0, min is not null, max is not null));
    public Tensor clamp_min(double min) => clamp(min, null);
    public Tensor clamp_max(double max) => clamp(null, max);

    public Tensor add_(Tensor other, double alpha = 1)
    {
        NativeMethods.reft_math_add_(Handle, other.Handle, alpha);
        NativeMethods.Check();
        return this;
    }

    public Tensor mul_(double other)
    {
        NativeMethods.reft_math_mul_scalar_(Handle, other);
        NativeMethods.Check();
        return this;
    }

    public Tensor neg() => Wrap(NativeMethods.reft_math_neg(Handle));
    public Tensor abs() => Wrap(NativeMethods.reft_math_abs(Handle));
    public Tensor exp() => Wrap(NativeMethods.reft_math_exp(Handle));
    public Tensor log() => Wrap(NativeMethods.reft_math_log(Handle));
    public Tensor sqrt() => Wrap(NativeMethods.reft_math_sqrt(Handle));
    public Tensor rsqrt() => Wrap(NativeMethods.reft_math_rsqrt(Handle));
    public Tensor sin() => Wrap(NativeMethods.reft_math_sin(Handle));
    public Tensor cos() => Wrap(NativeMethods.reft_math_cos(Handle));
    public Tensor tanh() => Wrap(NativeMethods.reft_math_tanh(Handle));
    public Tensor sigmoid() => Wrap(NativeMethods.reft_math_sigmoid(Handle));
    public Tensor relu() => Wrap(NativeMethods.reft_math_relu(Handle));
    public Tensor silu() => Wrap(NativeMethods.reft_math_silu(Handle));
    public Tensor gelu(bool tanh_approximation = false) => Wrap(NativeMethods.reft_math_gelu(Handle, tanh_approximation));
    public Tensor isfinite() => Wrap(NativeMethods.reft_math_isfinite(Handle));
    public Tensor isnan() => Wrap(NativeMethods.reft_math_isnan(Handle));

    public Tensor logical_not() => Wrap(NativeMethods.reft_math_logical_not(Handle));
    public Tensor logical_and(Tensor other) => Wrap(NativeMethods.reft_math_logical_and(Handle, other.Handle));
    public Tensor logical_or(Tensor other) => Wrap(NativeMethods.reft_math_logical_or(Handle, other.Handle));
    public Tensor logical_xor(Tensor other) => Wrap(NativeMethods.reft_math_logical_xor(Handle, other.Handle));

    public Tensor eq(Tensor other) => Wrap(NativeMethods.reft_math_eq(Handle, other.Handle));
    public Tensor ne(Tensor other) => Wrap(NativeMethods.reft_math_ne(Handle, other.Handle));
    public Tensor lt(Tensor other) => Wrap(NativeMethods.reft_math_lt(Handle, other.Handle));
    public Tensor le(Tensor other) => Wrap(NativeMethods.reft_math_le(Handle, other.Handle));
    public Tensor gt(Tensor other) => Wrap(NativeMethods.reft_math_gt(Handle, other.Handle));
    public Tensor ge(Tensor other) => Wrap(NativeMethods.reft_math_ge(Handle, other.Handle));
    public Tensor eq(double other) => Wrap(NativeMethods.reft_math_eq_scalar(Handle, other));
    public Tensor ne(double other) => Wrap(NativeMethods.reft_math_ne_scalar(Handle, other));
    public Tensor lt(double other) => Wrap(NativeMethods.reft_math_lt_scalar(Handle, other));
    public Tensor le(double other) => Wrap(NativeMethods.reft_math_le_scalar(Handle, other));
    public Tensor gt(double other) => Wrap(NativeMethods.reft_math_gt_scalar(Handle, other));
    public Tensor ge(double other) => Wrap(NativeMethods.reft_math_ge_scalar(Handle, other));

    // ---- reductions ----

    public Tensor sum() => Reduce(&NativeMethods.reft_math_sum, [], false);
    public Tensor sum(long dim, bool keepdim = false) => Reduce(&NativeMethods.reft_math_sum, [dim], keepdim);
    public Tensor sum(long[] dims, bool keepdim = false) => Reduce(&NativeMethods.reft_math_sum, dims, keepdim);
    public Tensor mean() => Reduce(&NativeMethods.reft_math_mean, [], false);
    public Tensor mean(long dim, bool keepdim = false) => Reduce(&NativeMethods.reft_math_mean, [dim], keepdim);
    public Tensor mean(long[] dims, bool keepdim = false) => Reduce(&NativeMethods.reft_math_mean, dims, keepdim);
    public Tensor logsumexp(long dim, bool keepdim = false) => Reduce(&NativeMethods.reft_math_logsumexp, [dim], keepdim);

    private Tensor Reduce(delegate*<TensorHandle, long*, long, bool, IntPtr> reduction, long[] dims, bool keepdim)
    {
        fixed (long* p = dims) return Wrap(reduction(Handle, p, dims.Length, keepdim));
    }

    public Tensor max() => Wrap(NativeMethods.reft_math_max_all(Handle));
    public Tensor min() => Wrap(NativeMethods.reft_math_min_all(Handle));

    public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false)
    {
        IntPtr indexes;
        var values = Wrap(NativeMethods.reft_math_max_dim(Handle, dim, keepdim, &indexes));
        return (values, Wrap(indexes));
    }

    public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false)
    {
        IntPtr indexes;
        var values = Wrap(NativeMethods.reft_math_min_dim(Handle, dim, keepdim, &indexes));
        return (values, Wrap(indexes));
    }

    /// <summary>Index of the largest element (of the flattened tensor when no dim is given).</summary>
    public Tensor argmax(long? dim = null, bool keepdim = false) =>
        Wrap(NativeMethods.reft_math_argmax(Handle, dim ?? 0, dim is not null, keepdim));

    public Tensor cumsum(long dim) => Wrap(NativeMethods.reft_math_cumsum(Handle, dim));
    public Tensor softmax(long dim) => Wrap(NativeMethods.reft_math_softmax(Handle, dim));
    public Tensor log_softmax(long dim) => Wrap(NativeMethods.reft_math_log_softmax(Handle, dim));

    public (Tensor values, Tensor indexes) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        IntPtr indexes;
        var values = Wrap(NativeMethods.reft_math_topk(Handle, k, dim, largest, sorted, &indexes));
        return (values, Wrap(indexes));
    }

    public (Tensor Values, Tensor Indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        IntPtr indexes;
        var values = Wrap(NativeMethods.reft_math_sort(Handle, dim, descending, stable, &indexes));
        return (values, Wrap(indexes));
    }

    // ---- operators ----

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, double b) => a.add(b);
    public static Tensor operator +(double a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, double b) => a.sub(b);
    public static Tensor operator -(double a, Tensor b) => Wrap(NativeMethods.reft_math_rsub_scalar(b.Handle, a));
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, double b) => a.mul(b);
    public static Tensor operator *(double a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, double b) => a.div(b);
    public static Tensor operator /(double a, Tensor b) => Wrap(NativeMethods.reft_math_rdiv_scalar(b.Handle, a));
    public static Tensor operator -(Tensor a) => a.neg();
}
