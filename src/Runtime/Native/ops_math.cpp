// Elementwise maths, comparisons, reductions, sorting and sampling.
#include "reft.h"

// ---- binary with a tensor ----
REFT_EXPORT reft_tensor reft_math_add(reft_tensor a, reft_tensor b, double alpha) {
  REFT_GUARD(return reft_wrap(at::add(*a, *b, reft_scalar(alpha)));)
}
REFT_EXPORT reft_tensor reft_math_sub(reft_tensor a, reft_tensor b, double alpha) {
  REFT_GUARD(return reft_wrap(at::sub(*a, *b, reft_scalar(alpha)));)
}
REFT_EXPORT reft_tensor reft_math_mul(reft_tensor a, reft_tensor b) { REFT_GUARD(return reft_wrap(at::mul(*a, *b));) }
REFT_EXPORT reft_tensor reft_math_div(reft_tensor a, reft_tensor b) { REFT_GUARD(return reft_wrap(at::div(*a, *b));) }
REFT_EXPORT reft_tensor reft_math_pow(reft_tensor a, reft_tensor b) { REFT_GUARD(return reft_wrap(at::pow(*a, *b));) }
REFT_EXPORT reft_tensor reft_math_minimum(reft_tensor a, reft_tensor b) {
  REFT_GUARD(return reft_wrap(at::minimum(*a, *b));)
}
REFT_EXPORT reft_tensor reft_math_maximum(reft_tensor a, reft_tensor b) {
  REFT_GUARD(return reft_wrap(at::maximum(*a, *b));)
}
REFT_EXPORT reft_tensor reft_math_matmul(reft_tensor a, reft_tensor b) {
  REFT_GUARD(return reft_wrap(at::matmul(*a, *b));)
}
REFT_EXPORT reft_tensor reft_math_bmm(reft_tensor a, reft_tensor b) { REFT_GUARD(return reft_wrap(at::bmm(*a, *b));) }

// ---- binary with a scalar (the scalar on either side) ----
REFT_EXPORT reft_tensor reft_math_add_scalar(reft_tensor a, double b) { REFT_GUARD(return reft_wrap(at::add(*a, reft_scalar(b)));) }
REFT_EXPORT reft_tensor reft_math_mul_scalar(reft_tensor a, double b) { REFT_GUARD(return reft_wrap(at::mul(*a, reft_scalar(b)));) }
REFT_EXPORT reft_tensor reft_math_div_scalar(reft_tensor a, double b) { REFT_GUARD(return reft_wrap(at::div(*a, reft_scalar(b)));) }
REFT_EXPORT reft_tensor reft_math_rsub_scalar(reft_tensor a, double b) {
  REFT_GUARD(return reft_wrap(at::rsub(*a, reft_scalar(b)));)
}
REFT_EXPORT reft_tensor reft_math_rdiv_scalar(reft_tensor a, double b) {
  REFT_GUARD(return reft_wrap(at::div(at::scalar_tensor(reft_scalar(b), a->options()), *a));)
}
REFT_EXPORT reft_tensor reft_math_pow_scalar(reft_tensor a, double exponent) {
  REFT_GUARD(return reft_wrap(at::pow(*a, reft_scalar(exponent)));)
}
REFT_EXPORT reft_tensor reft_math_clamp(reft_tensor a, double min, double max, bool has_min, bool has_max) {
  REFT_GUARD(return reft_wrap(at::clamp(*a, has_min ? c10::optional<at::Scalar>(reft_scalar(min)) : c10::nullopt,
                                        has_max ? c10::optional<at::Scalar>(reft_scalar(max)) : c10::nullopt));)
}

// ---- in place ----
REFT_EXPORT void reft_math_add_(reft_tensor a, reft_tensor b, double alpha) { REFT_GUARD(a->add_(*b, reft_scalar(alpha));) }
REFT_EXPORT void reft_math_mul_scalar_(reft_tensor a, double b) { REFT_GUARD(a->mul_(reft_scalar(b));) }

// ---- unary ----
REFT_EXPORT reft_tensor reft_math_neg(reft_tensor a) { REFT_GUARD(return reft_wrap(at::neg(*a));) }
REFT_EXPORT reft_tensor reft_math_abs(reft_tensor a) { REFT_GUARD(return reft_wrap(at::abs(*a));) }
REFT_EXPORT reft_tensor reft_math_exp(reft_tensor a) { REFT_GUARD(return reft_wrap(at::exp(*a));) }
REFT_EXPORT reft_tensor reft_math_log(reft_tensor a) { REFT_GUARD(return reft_wrap(at::log(*a));) }
REFT_EXPORT reft_tensor reft_math_sqrt(reft_tensor a) { REFT_GUARD(return reft_wrap(at::sqrt(*a));) }
REFT_EXPORT reft_tensor reft_math_rsqrt(reft_tensor a) { REFT_GUARD(return reft_wrap(at::rsqrt(*a));) }
REFT_EXPORT reft_tensor reft_math_sin(reft_tensor a) { REFT_GUARD(return reft_wrap(at::sin(*a));) }
REFT_EXPORT reft_tensor reft_math_cos(reft_tensor a) { REFT_GUARD(return reft_wrap(at::cos(*a));) }
REFT_EXPORT reft_tensor reft_math_tanh(reft_tensor a) { REFT_GUARD(return reft_wrap(at::tanh(*a));) }
REFT_EXPORT reft_tensor reft_math_sigmoid(reft_tensor a) { REFT_GUARD(return reft_wrap(at::sigmoid(*a));) }
REFT_EXPORT reft_tensor reft_math_relu(reft_tensor a) { REFT_GUARD(return reft_wrap(at::relu(*a));) }
REFT_EXPORT reft_tensor reft_math_silu(reft_tensor a) { REFT_GUARD(return reft_wrap(at::silu(*a));) }
REFT_EXPORT reft_tensor reft_math_gelu(reft_tensor a, bool tanh_approximation) {
  REFT_GUARD(return reft_wrap(at::gelu(*a, tanh_approximation ? "tanh" : "none"));)
}
REFT_EXPORT reft_tensor reft_math_isfinite(reft_tensor a) { REFT_GUARD(return reft_wrap(at::isfinite(*a));) }
REFT_EXPORT reft_tensor reft_math_isnan(reft_tensor a) { REFT_GUARD(return reft_wrap(at::isnan(*a));) }
REFT_EXPORT reft_tensor reft_math_logical_not(reft_tensor a) { REFT_GUARD(return reft_wrap(at::logical_not(*a));) }

// ---- logical and comparisons ----
REFT_EXPORT reft_tensor reft_math_logical_and(reft_tensor a, reft_tensor b) {
  REFT_GUARD(return reft_wrap(at::logical_and(*a, *b));)
}
REFT_EXPORT reft_tensor reft_math_logical_or(reft_tensor a, reft_tensor b) {
  REFT_GUARD(return reft_wrap(at::logical_or(*a, *b));)
}
REFT_EXPORT reft_tensor reft_math_logical_xor(reft_tensor a, reft_tensor b) {
  REFT_GUARD(return reft_wrap(at::logical_xor(*a, *b));)
}
REFT_EXPORT reft_tensor reft_math_eq(reft_tensor a, reft_tensor b) { REFT_GUARD(return reft_wrap(at::eq(*a, *b));) }
REFT_EXPORT reft_tensor reft_math_ne(reft_tensor a, reft_tensor b) { REFT_GUARD(return reft_wrap(at::ne(*a, *b));) }
REFT_EXPORT reft_tensor reft_math_lt(reft_tensor a, reft_tensor b) { REFT_GUARD(return reft_wrap(at::lt(*a, *b));) }
REFT_EXPORT reft_tensor reft_math_le(reft_tensor a, reft_tensor b) { REFT_GUARD(return reft_wrap(at::le(*a, *b));) }
REFT_EXPORT reft_tensor reft_math_gt(reft_tensor a, reft_tensor b) { REFT_GUARD(return reft_wrap(at::gt(*a, *b));) }
REFT_EXPORT reft_tensor reft_math_ge(reft_tensor a, reft_tensor b) { REFT_GUARD(return reft_wrap(at::ge(*a, *b));) }
REFT_EXPORT reft_tensor reft_math_eq_scalar(reft_tensor a, double b) { REFT_GUARD(return reft_wrap(at::eq(*a, reft_scalar(b)));) }
REFT_EXPORT reft_tensor reft_math_ne_scalar(reft_tensor a, double b) { REFT_GUARD(return reft_wrap(at::ne(*a, reft_scalar(b)));) }
REFT_EXPORT reft_tensor reft_math_lt_scalar(reft_tensor a, double b) { REFT_GUARD(return reft_wrap(at::lt(*a, reft_scalar(b)));) }
REFT_EXPORT reft_tensor reft_math_le_scalar(reft_tensor a, double b) { REFT_GUARD(return reft_wrap(at::le(*a, reft_scalar(b)));) }
REFT_EXPORT reft_tensor reft_math_gt_scalar(reft_tensor a, double b) { REFT_GUARD(return reft_wrap(at::gt(*a, reft_scalar(b)));) }
REFT_EXPORT reft_tensor reft_math_ge_scalar(reft_tensor a, double b) { REFT_GUARD(return reft_wrap(at::ge(*a, reft_scalar(b)));) }

// ---- reductions; ndim = 0 reduces over every element ----
REFT_EXPORT reft_tensor reft_math_sum(reft_tensor a, const int64_t* dims, int64_t ndim, bool keepdim) {
  REFT_GUARD(return reft_wrap(ndim == 0 ? at::sum(*a) : at::sum(*a, reft_dims(dims, ndim), keepdim));)
}
REFT_EXPORT reft_tensor reft_math_mean(reft_tensor a, const int64_t* dims, int64_t ndim, bool keepdim) {
  REFT_GUARD(return reft_wrap(ndim == 0 ? at::mean(*a) : at::mean(*a, reft_dims(dims, ndim), keepdim));)
}
REFT_EXPORT reft_tensor reft_math_logsumexp(reft_tensor a, const int64_t* dims, int64_t ndim, bool keepdim) {
  REFT_GUARD(return reft_wrap(at::logsumexp(*a, reft_dims(dims, ndim), keepdim));)
}
REFT_EXPORT reft_tensor reft_math_max_all(reft_tensor a) { REFT_GUARD(return reft_wrap(at::max(*a));) }
REFT_EXPORT reft_tensor reft_math_min_all(reft_tensor a) { REFT_GUARD(return reft_wrap(at::min(*a));) }
REFT_EXPORT reft_tensor reft_math_max_dim(reft_tensor a, int64_t dim, bool keepdim, reft_tensor* indices) {
  REFT_GUARD(auto result = at::max(*a, dim, keepdim); *indices = reft_wrap(std::get<1>(result));
             return reft_wrap(std::get<0>(result));)
}
REFT_EXPORT reft_tensor reft_math_min_dim(reft_tensor a, int64_t dim, bool keepdim, reft_tensor* indices) {
  REFT_GUARD(auto result = at::min(*a, dim, keepdim); *indices = reft_wrap(std::get<1>(result));
             return reft_wrap(std::get<0>(result));)
}
REFT_EXPORT reft_tensor reft_math_argmax(reft_tensor a, int64_t dim, bool has_dim, bool keepdim) {
  REFT_GUARD(return reft_wrap(at::argmax(*a, has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim));)
}
REFT_EXPORT reft_tensor reft_math_cumsum(reft_tensor a, int64_t dim) { REFT_GUARD(return reft_wrap(at::cumsum(*a, dim));) }
REFT_EXPORT reft_tensor reft_math_softmax(reft_tensor a, int64_t dim) {
  REFT_GUARD(return reft_wrap(at::softmax(*a, dim));)
}
REFT_EXPORT reft_tensor reft_math_log_softmax(reft_tensor a, int64_t dim) {
  REFT_GUARD(return reft_wrap(at::log_softmax(*a, dim));)
}

// ---- sorting and sampling ----
REFT_EXPORT reft_tensor reft_math_topk(reft_tensor a, int64_t k, int64_t dim, bool largest, bool sorted,
                                       reft_tensor* indices) {
  REFT_GUARD(auto result = at::topk(*a, k, dim, largest, sorted); *indices = reft_wrap(std::get<1>(result));
             return reft_wrap(std::get<0>(result));)
}
REFT_EXPORT reft_tensor reft_math_sort(reft_tensor a, int64_t dim, bool descending, bool stable,
                                       reft_tensor* indices) {
  REFT_GUARD(auto result = at::sort(*a, stable, dim, descending); *indices = reft_wrap(std::get<1>(result));
             return reft_wrap(std::get<0>(result));)
}
REFT_EXPORT reft_tensor reft_math_multinomial(reft_tensor probabilities, int64_t samples, bool replacement,
                                              at::Generator* generator) {
  REFT_GUARD(return reft_wrap(at::multinomial(*probabilities, samples, replacement, reft_generator(generator)));)
}
