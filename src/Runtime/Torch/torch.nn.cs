#pragma warning disable CS8981 // lower-case names mirror PyTorch and TorchSharp
namespace Reft.Runtime.Torch;

/// <summary>How a loss combines per-element values (at::Reduction values).</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}

public static partial class torch
{
    public static partial class nn
    {
        public static unsafe partial class functional
        {
            public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);
            public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);
            public static Tensor silu(Tensor input) => input.silu();
            public static Tensor gelu(Tensor input, bool tanh_approximation = false) => input.gelu(tanh_approximation);
            public static Tensor relu(Tensor input) => input.relu();
            public static Tensor sigmoid(Tensor input) => input.sigmoid();
            public static Tensor tanh(Tensor input) => input.tanh();

            /// <summary>Rows of <paramref name="weight"/> selected by <paramref name="input"/> (integer ids).</summary>
            public static Tensor embedding(Tensor input, Tensor weight) =>
                Tensor.Wrap(NativeMethods.reft_nn_embedding(weight.Handle, input.Handle));

            /// <summary>input @ weightᵀ + bias, with weight shaped [out, in].</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
            {
                var result = NativeMethods.reft_nn_linear(input.Handle, weight.Handle, Tensor.OptionalHandle(bias));
                GC.KeepAlive(bias);
                return Tensor.Wrap(result);
            }

            public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                fixed (long* shape = normalized_shape)
                {
                    var result = NativeMethods.reft_nn_layer_norm(input.Handle, shape, normalized_shape.Length, Tensor.OptionalHandle(weight), Tensor.OptionalHandle(bias), eps);
                    GC.KeepAlive(weight);
                    GC.KeepAlive(bias);
                    return Tensor.Wrap(result);
                }
            }

            /// <summary>x · rsqrt(mean(x²) + eps) · weight over the trailing normalized_shape dimensions.</summary>
            public static Tensor rms_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, double eps = 1e-6)
            {
                fixed (long* shape = normalized_shape)
                {
                    var result = NativeMethods.reft_nn_rms_norm(input.Handle, shape, normalized_shape.Length, Tensor.OptionalHandle(weight), eps);
                    GC.KeepAlive(weight);
                    return Tensor.Wrap(result);
                }
            }

            /// <summary>
            /// softmax(q·kᵀ/√d + mask)·v over [..., seq, head_dim]. A causal flag hides later keys
            /// (aligned to the end when keys outnumber queries, as with a KV cache). A boolean mask
            /// keeps positions where it is true; a float mask is added to the scores.
            /// </summary>
            public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask = null, double p = 0.0, bool is_causal = false)
            {
                var result = NativeMethods.reft_nn_scaled_dot_product_attention(query.Handle, key.Handle, value.Handle, Tensor.OptionalHandle(attn_mask), p, is_causal);
                GC.KeepAlive(attn_mask);
                return Tensor.Wrap(result);
            }

            /// <summary>Cross-entropy of logits [N, C] (or [N, C, ...]) against class ids; targets equal to ignore_index count for nothing.</summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, Reduction reduction = Reduction.Mean, double label_smoothing = 0.0)
            {
                var result = NativeMethods.reft_nn_cross_entropy(input.Handle, target.Handle, Tensor.OptionalHandle(weight), (long)reduction, ignore_index, label_smoothing);
                GC.KeepAlive(weight);
                return Tensor.Wrap(result);
            }

            public static Tensor nll_loss(Tensor input, Tensor target, long ignore_index = -100, Reduction reduction = Reduction.Mean) =>
                Tensor.Wrap(NativeMethods.reft_nn_nll_loss(input.Handle, target.Handle, (long)reduction, ignore_index));

            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true) =>
                Tensor.Wrap(NativeMethods.reft_nn_dropout(input.Handle, p, training));
        }

        public static unsafe class utils
        {
            /// <summary>Scales the gradients so their joint norm is at most max_norm; returns the norm before clipping.</summary>
            public static double clip_grad_norm_(IReadOnlyList<Tensor> tensors, double max_norm, double norm_type = 2.0)
            {
                var handles = Tensor.Handles(tensors);
                fixed (IntPtr* p = handles)
                {
                    var norm = NativeMethods.reft_autograd_clip_grad_norm(p, handles.Length, max_norm, norm_type);
                    GC.KeepAlive(tensors);
                    return Tensor.Checked(norm);
                }
            }
        }
    }

    public static class cuda
    {
        public static bool is_available() => Tensor.Checked(NativeMethods.reft_cuda_is_available());

        public static long device_count() => Tensor.Checked(NativeMethods.reft_cuda_device_count());

        /// <summary>Waits for all queued work on the device (no-op without CUDA).</summary>
        public static void synchronize(int device = -1)
        {
            NativeMethods.reft_cuda_synchronize(device);
            NativeMethods.Check();
        }

        /// <summary>Bytes held by live tensors on the device (0 without CUDA).</summary>
        public static long memory_allocated(int device = -1) => Tensor.Checked(NativeMethods.reft_cuda_memory_allocated(device));
    }

    public static class optim
    {
        public static AdamW AdamW(IReadOnlyList<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0.01, bool amsgrad = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad);
    }
}
