// Autograd: gradient flags, backward, gradients, the grad-mode switch and grad-norm clipping.
#include "reft.h"

#include <cmath>

REFT_EXPORT bool reft_autograd_requires_grad(reft_tensor t) { REFT_GUARD(return t->requires_grad();) }

REFT_EXPORT void reft_autograd_set_requires_grad(reft_tensor t, bool requires_grad) {
  REFT_GUARD(t->requires_grad_(requires_grad);)
}

REFT_EXPORT void reft_autograd_backward(reft_tensor t, reft_tensor gradient, bool retain_graph) {
  REFT_GUARD(t->backward(gradient ? *gradient : at::Tensor(), retain_graph);)
}

// Null when the tensor has no gradient yet.
REFT_EXPORT reft_tensor reft_autograd_grad(reft_tensor t) {
  REFT_GUARD(const auto& grad = t->grad(); return grad.defined() ? reft_wrap(grad) : nullptr;)
}

REFT_EXPORT void reft_autograd_zero_grad(reft_tensor t) {
  REFT_GUARD(auto& grad = t->mutable_grad(); if (grad.defined()) grad = at::Tensor();)
}

REFT_EXPORT bool reft_autograd_is_grad_enabled() { REFT_GUARD(return at::GradMode::is_enabled();) }

REFT_EXPORT void reft_autograd_set_grad_enabled(bool enabled) { REFT_GUARD(at::GradMode::set_enabled(enabled);) }

REFT_EXPORT double reft_autograd_clip_grad_norm(const reft_tensor* parameters, int64_t count, double max_norm,
                                                double norm_type) {
  REFT_GUARD(
      at::NoGradGuard no_grad;
      std::vector<at::Tensor> grads;
      for (int64_t i = 0; i < count; ++i)
        if (parameters[i]->grad().defined()) grads.push_back(parameters[i]->grad());
      if (grads.empty()) return 0.0;
      std::vector<at::Tensor> norms;
      for (auto& g : grads) norms.push_back(g.norm(norm_type).to(grads[0].device(), at::kDouble));
      auto stacked = at::stack(norms);
      double total = std::isinf(norm_type) ? stacked.max().item<double>() : stacked.norm(norm_type).item<double>();
      double coefficient = max_norm / (total + 1e-6);
      if (coefficient < 1.0)
        for (auto& g : grads) g.mul_(coefficient);
      return total;)
}
