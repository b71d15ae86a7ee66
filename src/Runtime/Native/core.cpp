// Errors, tensor lifetime and metadata, creation, conversion, RNG and threads.
#include "reft.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <cstring>
#if defined(REFT_WITH_CUDA)
#include <ATen/cuda/CUDAGeneratorImpl.h>
#endif

namespace {
thread_local std::string last_error;
thread_local bool error_pending = false;
}  // namespace

void reft_set_error(const char* message) {
  last_error = message;
  error_pending = true;
}

// Not guarded: it cannot throw, and it is the call that reports the guard's findings.
// Returns the pending message once (then clears it), or null when the last call succeeded.
REFT_EXPORT const char* reft_last_error() {
  if (!error_pending) return nullptr;
  error_pending = false;
  return last_error.c_str();
}

REFT_EXPORT void reft_tensor_free(reft_tensor t) { REFT_GUARD(delete t;) }

REFT_EXPORT int64_t reft_tensor_dim(reft_tensor t) { REFT_GUARD(return t->dim();) }

REFT_EXPORT void reft_tensor_shape(reft_tensor t, int64_t* out) {
  REFT_GUARD(auto sizes = t->sizes(); std::copy(sizes.begin(), sizes.end(), out);)
}

REFT_EXPORT int64_t reft_tensor_numel(reft_tensor t) { REFT_GUARD(return t->numel();) }

REFT_EXPORT int32_t reft_tensor_dtype(reft_tensor t) {
  REFT_GUARD(return static_cast<int32_t>(t->scalar_type());)
}

REFT_EXPORT int32_t reft_tensor_device_type(reft_tensor t) {
  REFT_GUARD(return static_cast<int32_t>(t->device().type());)
}

REFT_EXPORT int32_t reft_tensor_device_index(reft_tensor t) {
  REFT_GUARD(return static_cast<int32_t>(t->device().index());)
}

REFT_EXPORT reft_tensor reft_tensor_from_data(const void* data, int32_t data_dtype, const int64_t* shape,
                                              int64_t ndim, int32_t dtype, int32_t device_type,
                                              int32_t device_index, bool requires_grad) {
  REFT_GUARD(
      auto source_options = at::TensorOptions().dtype(static_cast<at::ScalarType>(data_dtype));
      auto source = at::from_blob(const_cast<void*>(data), reft_dims(shape, ndim), source_options);
      auto result = source.to(reft_device(device_type, device_index), static_cast<at::ScalarType>(dtype),
                              /*non_blocking=*/false, /*copy=*/true);
      if (requires_grad) result.requires_grad_(true);
      return reft_wrap(std::move(result));)
}

// Copies the tensor, converted to `dtype` on the CPU, into `out` (count elements).
REFT_EXPORT void reft_tensor_copy_to(reft_tensor t, int32_t dtype, void* out, int64_t count) {
  REFT_GUARD(
      auto host = t->detach().to(at::kCPU, static_cast<at::ScalarType>(dtype)).contiguous();
      TORCH_CHECK(host.numel() == count, "destination holds ", count, " elements but the tensor has ",
                  host.numel());
      std::memcpy(out, host.data_ptr(), static_cast<size_t>(count) * host.element_size());)
}

REFT_EXPORT double reft_tensor_item_double(reft_tensor t) { REFT_GUARD(return t->item<double>();) }

REFT_EXPORT int64_t reft_tensor_item_long(reft_tensor t) { REFT_GUARD(return t->item<int64_t>();) }

REFT_EXPORT reft_tensor reft_tensor_empty(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type,
                                          int32_t device_index, bool requires_grad) {
  REFT_GUARD(return reft_wrap_leaf(at::empty(reft_dims(shape, ndim),
                                        reft_options(dtype, device_type, device_index)), requires_grad);)
}

REFT_EXPORT reft_tensor reft_tensor_zeros(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type,
                                          int32_t device_index, bool requires_grad) {
  REFT_GUARD(return reft_wrap_leaf(at::zeros(reft_dims(shape, ndim),
                                        reft_options(dtype, device_type, device_index)), requires_grad);)
}

REFT_EXPORT reft_tensor reft_tensor_ones(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type,
                                         int32_t device_index, bool requires_grad) {
  REFT_GUARD(return reft_wrap_leaf(at::ones(reft_dims(shape, ndim),
                                       reft_options(dtype, device_type, device_index)), requires_grad);)
}

REFT_EXPORT reft_tensor reft_tensor_full(const int64_t* shape, int64_t ndim, double value, int32_t dtype,
                                         int32_t device_type, int32_t device_index, bool requires_grad) {
  REFT_GUARD(return reft_wrap_leaf(at::full(reft_dims(shape, ndim), value,
                                       reft_options(dtype, device_type, device_index)), requires_grad);)
}

REFT_EXPORT reft_tensor reft_tensor_arange(double start, double end, double step, int32_t dtype,
                                           int32_t device_type, int32_t device_index, bool requires_grad) {
  REFT_GUARD(return reft_wrap_leaf(at::arange(start, end, step,
                                         reft_options(dtype, device_type, device_index)), requires_grad);)
}

REFT_EXPORT reft_tensor reft_tensor_rand(const int64_t* shape, int64_t ndim, at::Generator* generator,
                                         int32_t dtype, int32_t device_type, int32_t device_index,
                                         bool requires_grad) {
  REFT_GUARD(return reft_wrap_leaf(at::rand(reft_dims(shape, ndim), reft_generator(generator),
                                       reft_options(dtype, device_type, device_index)), requires_grad);)
}

REFT_EXPORT reft_tensor reft_tensor_randn(const int64_t* shape, int64_t ndim, at::Generator* generator,
                                          int32_t dtype, int32_t device_type, int32_t device_index,
                                          bool requires_grad) {
  REFT_GUARD(return reft_wrap_leaf(at::randn(reft_dims(shape, ndim), reft_generator(generator),
                                        reft_options(dtype, device_type, device_index)), requires_grad);)
}

REFT_EXPORT reft_tensor reft_tensor_randint(int64_t low, int64_t high, const int64_t* shape, int64_t ndim,
                                            at::Generator* generator, int32_t dtype, int32_t device_type,
                                            int32_t device_index) {
  REFT_GUARD(return reft_wrap(at::randint(low, high, reft_dims(shape, ndim), reft_generator(generator),
                                          reft_options(dtype, device_type, device_index)));)
}

REFT_EXPORT reft_tensor reft_tensor_to(reft_tensor t, int32_t dtype, int32_t device_type, int32_t device_index,
                                       bool copy) {
  REFT_GUARD(return reft_wrap(t->to(reft_device(device_type, device_index), static_cast<at::ScalarType>(dtype),
                                    /*non_blocking=*/false, copy));)
}

REFT_EXPORT reft_tensor reft_tensor_contiguous(reft_tensor t) { REFT_GUARD(return reft_wrap(t->contiguous());) }

REFT_EXPORT bool reft_tensor_is_contiguous(reft_tensor t) { REFT_GUARD(return t->is_contiguous();) }

REFT_EXPORT reft_tensor reft_tensor_clone(reft_tensor t) { REFT_GUARD(return reft_wrap(t->clone());) }

REFT_EXPORT reft_tensor reft_tensor_detach(reft_tensor t) { REFT_GUARD(return reft_wrap(t->detach());) }

REFT_EXPORT reft_tensor reft_tensor_alias(reft_tensor t) { REFT_GUARD(return reft_wrap(*t);) }

REFT_EXPORT void reft_tensor_copy_(reft_tensor t, reft_tensor source) { REFT_GUARD(t->copy_(*source);) }

REFT_EXPORT void reft_tensor_fill_(reft_tensor t, double value) { REFT_GUARD(t->fill_(value);) }

REFT_EXPORT void reft_tensor_zero_(reft_tensor t) { REFT_GUARD(t->zero_();) }

namespace {
at::Generator make_generator(uint64_t seed, int32_t device_type, int32_t device_index) {
  if (static_cast<c10::DeviceType>(device_type) == c10::DeviceType::CPU) {
    return at::make_generator<at::CPUGeneratorImpl>(seed);
  }
#if defined(REFT_WITH_CUDA)
  auto generator = at::cuda::detail::createCUDAGenerator(static_cast<c10::DeviceIndex>(device_index));
  generator.set_current_seed(seed);
  return generator;
#else
  TORCH_CHECK(false, "this libtorch was built without CUDA, so there is no CUDA generator; "
                     "build the shim against a CUDA libtorch (LIBTORCH=...) or use a CPU generator");
#endif
}
}  // namespace

// A generator for one device: sampling on a CUDA tensor needs a CUDA generator.
REFT_EXPORT at::Generator* reft_generator_new(uint64_t seed, int32_t device_type, int32_t device_index) {
  REFT_GUARD(return new at::Generator(make_generator(seed, device_type, device_index));)
}

REFT_EXPORT void reft_generator_free(at::Generator* g) { REFT_GUARD(delete g;) }

REFT_EXPORT void reft_generator_manual_seed(at::Generator* g, uint64_t seed) {
  REFT_GUARD(std::lock_guard<std::mutex> lock(g->mutex()); g->set_current_seed(seed);)
}

REFT_EXPORT void reft_random_manual_seed(uint64_t seed) {
  REFT_GUARD(auto cpu = at::detail::getDefaultCPUGenerator(); std::lock_guard<std::mutex> lock(cpu.mutex());
             cpu.set_current_seed(seed);
             for (c10::DeviceIndex i = 0; i < static_cast<c10::DeviceIndex>(at::getNumGPUs()); ++i) {
               at::Generator cuda = at::globalContext().defaultGenerator(at::Device(at::kCUDA, i));
               std::lock_guard<std::mutex> cuda_lock(cuda.mutex());
               cuda.set_current_seed(seed);
             })
}

REFT_EXPORT void reft_threads_set(int32_t count) { REFT_GUARD(at::set_num_threads(count);) }

REFT_EXPORT int32_t reft_threads_get() { REFT_GUARD(return at::get_num_threads();) }
