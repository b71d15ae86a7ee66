// Neural-network functions: embedding, linear, norms, attention, losses, dropout.
#include "reft.h"

#include <cmath>
#include <limits>
#include <torch/version.h>

REFT_EXPORT reft_tensor reft_nn_embedding(reft_tensor weight, reft_tensor indices) {
  REFT_GUARD(return reft_wrap(at::embedding(*weight, *indices));)
}

REFT_EXPORT reft_tensor reft_nn_linear(reft_tensor input, reft_tensor weight, reft_tensor bias) {
  REFT_GUARD(return reft_wrap(at::linear(*input, *weight, reft_optional(bias)));)
}

REFT_EXPORT reft_tensor reft_nn_layer_norm(reft_tensor input, const int64_t* shape, int64_t ndim, reft_tensor weight,
                                           reft_tensor bias, double eps) {
  REFT_GUARD(return reft_wrap(
                 at::layer_norm(*input, reft_dims(shape, ndim), reft_optional(weight), reft_optional(bias), eps));)
}

// Composite (libtorch 1.13 has no rms_norm): x * rsqrt(mean(x^2) + eps) * weight, in float32 or
// wider so half-precision inputs do not lose the mean of squares.
REFT_EXPORT reft_tensor reft_nn_rms_norm(reft_tensor input, const int64_t* shape, int64_t ndim, reft_tensor weight,
                                         double eps) {
  REFT_GUARD(
      std::vector<int64_t> dims;
      for (int64_t i = 0; i < ndim; ++i) dims.push_back(-1 - i);
      auto x = *input;
      auto wide = (x.scalar_type() == at::kHalf || x.scalar_type() == at::kBFloat16) ? x.to(at::kFloat) : x;
      auto normed = wide * at::rsqrt(wide.pow(2).mean(dims, /*keepdim=*/true) + eps);
      auto result = normed.to(x.scalar_type());
      return reft_wrap(weight ? result * *weight : result);)
}

// Attention over [..., seq, head_dim]. The causal mask is aligned to the end of the keys (a query
// sees every cached key before it). 2.x uses the fused kernel where it agrees with that: its causal
// mask is top-left aligned and it rejects a causal flag together with a mask. Everything else,
// and all of 1.13, takes the composite path.
namespace {
at::Tensor composite_attention(const at::Tensor& query, const at::Tensor& key, const at::Tensor& value,
                               const at::Tensor* mask, double dropout, bool causal) {
  auto scale = 1.0 / std::sqrt(static_cast<double>(query.size(-1)));
  auto scores = at::matmul(query, key.transpose(-2, -1)) * scale;
  if (causal) {
    auto q_len = query.size(-2), k_len = key.size(-2);
    auto future = at::ones({q_len, k_len}, query.options().dtype(at::kBool)).triu(k_len - q_len + 1);
    scores = scores.masked_fill(future, -std::numeric_limits<double>::infinity());
  }
  if (mask) {
    scores = mask->scalar_type() == at::kBool
                 ? scores.masked_fill(mask->logical_not(), -std::numeric_limits<double>::infinity())
                 : scores + *mask;
  }
  auto weights = at::softmax(scores, -1);
  if (dropout > 0) weights = at::dropout(weights, dropout, /*train=*/true);
  return at::matmul(weights, value);
}

at::Tensor attention(const at::Tensor& query, const at::Tensor& key, const at::Tensor& value, const at::Tensor* mask,
                     double dropout, bool causal) {
#if TORCH_VERSION_MAJOR >= 2
  if (!causal || (!mask && query.size(-2) == key.size(-2))) {
    return at::scaled_dot_product_attention(query, key, value, mask ? c10::optional<at::Tensor>(*mask) : c10::nullopt, dropout,
                                            causal);
  }
#endif
  return composite_attention(query, key, value, mask, dropout, causal);
}
}  // namespace

REFT_EXPORT reft_tensor reft_nn_scaled_dot_product_attention(reft_tensor query, reft_tensor key, reft_tensor value,
                                                             reft_tensor mask, double dropout, bool causal) {
  REFT_GUARD(return reft_wrap(attention(*query, *key, *value, mask, dropout, causal));)
}

// reduction: 0 none, 1 mean, 2 sum (at::Reduction values).
REFT_EXPORT reft_tensor reft_nn_cross_entropy(reft_tensor logits, reft_tensor target, reft_tensor weight,
                                              int64_t reduction, int64_t ignore_index, double label_smoothing) {
  REFT_GUARD(return reft_wrap(
                 at::cross_entropy_loss(*logits, *target, reft_optional(weight), reduction, ignore_index,
                                        label_smoothing));)
}

REFT_EXPORT reft_tensor reft_nn_nll_loss(reft_tensor log_probs, reft_tensor target, int64_t reduction,
                                         int64_t ignore_index) {
  REFT_GUARD(return reft_wrap(at::nll_loss(*log_probs, *target, {}, reduction, ignore_index));)
}

REFT_EXPORT reft_tensor reft_nn_dropout(reft_tensor input, double p, bool training) {
  REFT_GUARD(return reft_wrap(at::dropout(*input, p, training));)
}
