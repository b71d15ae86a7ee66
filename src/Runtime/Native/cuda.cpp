// CUDA availability and bookkeeping; on a CPU-only libtorch these report no devices.
#include "reft.h"

#include <torch/cuda.h>
#if defined(REFT_WITH_CUDA)
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>
#endif

REFT_EXPORT bool reft_cuda_is_available() { REFT_GUARD(return torch::cuda::is_available();) }

REFT_EXPORT int64_t reft_cuda_device_count() { REFT_GUARD(return static_cast<int64_t>(torch::cuda::device_count());) }

namespace {
void synchronize(int32_t device) {
#if defined(REFT_WITH_CUDA)
  c10::cuda::CUDAGuard guard(static_cast<c10::DeviceIndex>(device < 0 ? c10::cuda::current_device() : device));
  c10::cuda::device_synchronize();
#endif
}

int64_t memory_allocated(int32_t device) {
#if defined(REFT_WITH_CUDA)
  auto index = static_cast<int>(device < 0 ? c10::cuda::current_device() : device);
  return c10::cuda::CUDACachingAllocator::getDeviceStats(index).allocated_bytes[0].current;
#else
  return 0;
#endif
}
}  // namespace

// Waits for all queued work on the device (no-op without CUDA).
REFT_EXPORT void reft_cuda_synchronize(int32_t device) { REFT_GUARD(synchronize(device);) }

// Bytes currently held by live tensors on the device (0 without CUDA).
REFT_EXPORT int64_t reft_cuda_memory_allocated(int32_t device) { REFT_GUARD(return memory_allocated(device);) }
