// Shared conventions of the C shim: opaque tensor handles owned by the caller (freed with
// reft_tensor_free), and REFT_GUARD around every exported body so a C++ exception never crosses
// into .NET: the message is kept in a thread-local slot that C# reads after each call.
#pragma once

#include <ATen/ATen.h>
#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

#define REFT_EXPORT extern "C" __attribute__((visibility("default")))

using reft_tensor = at::Tensor*;

void reft_set_error(const char* message);

template <class Body>
auto reft_guarded(Body&& body) -> decltype(body()) {
  using Result = decltype(body());
  try {
    return body();
  } catch (const c10::Error& e) {
    reft_set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    reft_set_error(e.what());
  } catch (...) {
    reft_set_error("unknown native error");
  }
  if constexpr (!std::is_void_v<Result>) return Result{};
}

// Wraps an exported function's whole body; see tests/Runtime.Tests/Torch/NativeGuardTests.cs.
#define REFT_GUARD(...) return reft_guarded([&]() { __VA_ARGS__ });

inline reft_tensor reft_wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }

inline at::IntArrayRef reft_dims(const int64_t* dims, int64_t count) {
  return at::IntArrayRef(dims, static_cast<size_t>(count));
}

inline std::vector<at::Tensor> reft_tensor_list(const reft_tensor* tensors, int64_t count) {
  std::vector<at::Tensor> list;
  list.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) list.push_back(*tensors[i]);
  return list;
}

// Optional tensors cross the boundary as null handles.
inline c10::optional<at::Tensor> reft_optional(reft_tensor t) {
  return t ? c10::optional<at::Tensor>(*t) : c10::nullopt;
}

// Device: type 0 = cpu, 1 = cuda (DeviceType values), index -1 = current.
inline at::Device reft_device(int32_t type, int32_t index) {
  return at::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}

inline at::TensorOptions reft_options(int32_t dtype, int32_t device_type, int32_t device_index) {
  return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)).device(reft_device(device_type, device_index));
}

// ATen factories ignore TensorOptions::requires_grad (only torch:: wrappers honour it), so it is set after.
inline reft_tensor reft_wrap_leaf(at::Tensor t, bool requires_grad) {
  if (requires_grad) t.requires_grad_(true);
  return reft_wrap(std::move(t));
}

// Whole-valued scalars go to ATen as integers so that int tensors stay int (x + 2 on int64 is int64),
// as in PyTorch; float tensors are unaffected.
inline at::Scalar reft_scalar(double value) {
  if (std::nearbyint(value) == value && std::fabs(value) < 9007199254740992.0) return at::Scalar(static_cast<int64_t>(value));
  return at::Scalar(value);
}

// Generators are handles too; null means torch's default generator.
inline c10::optional<at::Generator> reft_generator(at::Generator* g) {
  return g ? c10::optional<at::Generator>(*g) : c10::nullopt;
}
