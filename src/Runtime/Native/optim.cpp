// AdamW over caller-owned parameter tensors, with its per-parameter state exposed for checkpoints.
#include "reft.h"

#include <torch/optim/adamw.h>
#include <torch/serialize.h>

using reft_adamw = torch::optim::AdamW;

REFT_EXPORT reft_adamw* reft_optim_adamw_new(const reft_tensor* parameters, int64_t count, double lr, double beta1,
                                             double beta2, double eps, double weight_decay, bool amsgrad) {
  REFT_GUARD(auto options = torch::optim::AdamWOptions(lr)
                                .betas(std::make_tuple(beta1, beta2))
                                .eps(eps)
                                .weight_decay(weight_decay)
                                .amsgrad(amsgrad);
             return new reft_adamw(reft_tensor_list(parameters, count), options);)
}

REFT_EXPORT void reft_optim_adamw_free(reft_adamw* optimizer) { REFT_GUARD(delete optimizer;) }

REFT_EXPORT void reft_optim_adamw_step(reft_adamw* optimizer) { REFT_GUARD(optimizer->step();) }

REFT_EXPORT void reft_optim_adamw_zero_grad(reft_adamw* optimizer) { REFT_GUARD(optimizer->zero_grad();) }

REFT_EXPORT void reft_optim_adamw_set_lr(reft_adamw* optimizer, double lr) {
  REFT_GUARD(for (auto& group : optimizer->param_groups()) {
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
  })
}

REFT_EXPORT double reft_optim_adamw_get_lr(reft_adamw* optimizer) {
  REFT_GUARD(return static_cast<torch::optim::AdamWOptions&>(optimizer->param_groups().at(0).options()).lr();)
}

namespace {
const at::Tensor& parameter_at(reft_adamw* optimizer, int64_t index) {
  auto& params = optimizer->param_groups().at(0).params();
  TORCH_CHECK(index >= 0 && index < static_cast<int64_t>(params.size()), "parameter index ", index,
              " is out of range for an optimizer over ", params.size(), " parameters");
  return params[static_cast<size_t>(index)];
}

std::string state_key(const at::Tensor& parameter) {
  return c10::guts::to_string(parameter.unsafeGetTensorImpl());
}
}  // namespace

// State of one parameter: returns its step count (0 before the first step) and handles to its
// moment estimates (null before the first step).
REFT_EXPORT int64_t reft_optim_adamw_get_state(reft_adamw* optimizer, int64_t index, reft_tensor* exp_avg,
                                               reft_tensor* exp_avg_sq, reft_tensor* max_exp_avg_sq) {
  REFT_GUARD(
      *exp_avg = *exp_avg_sq = *max_exp_avg_sq = nullptr;
      auto& states = optimizer->state();
      auto found = states.find(state_key(parameter_at(optimizer, index)));
      if (found == states.end()) return int64_t{0};
      auto& state = static_cast<torch::optim::AdamWParamState&>(*found->second);
      *exp_avg = reft_wrap(state.exp_avg());
      *exp_avg_sq = reft_wrap(state.exp_avg_sq());
      if (state.max_exp_avg_sq().defined()) *max_exp_avg_sq = reft_wrap(state.max_exp_avg_sq());
      return state.step();)
}

REFT_EXPORT void reft_optim_adamw_set_state(reft_adamw* optimizer, int64_t index, int64_t step, reft_tensor exp_avg,
                                            reft_tensor exp_avg_sq, reft_tensor max_exp_avg_sq) {
  REFT_GUARD(
      const auto& parameter = parameter_at(optimizer, index);
      auto state = std::make_unique<torch::optim::AdamWParamState>();
      state->step(step);
      state->exp_avg(exp_avg->detach().clone().to(parameter.options()));
      state->exp_avg_sq(exp_avg_sq->detach().clone().to(parameter.options()));
      if (max_exp_avg_sq) state->max_exp_avg_sq(max_exp_avg_sq->detach().clone().to(parameter.options()));
      optimizer->state()[state_key(parameter)] = std::move(state);)
}

REFT_EXPORT void reft_optim_adamw_save(reft_adamw* optimizer, const char* path) {
  REFT_GUARD(torch::save(*optimizer, path);)
}

REFT_EXPORT void reft_optim_adamw_load(reft_adamw* optimizer, const char* path) {
  REFT_GUARD(torch::load(*optimizer, path);)
}
