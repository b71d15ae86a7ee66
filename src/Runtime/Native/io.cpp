// Saving and loading named tensors (libtorch's archive format) and raw-byte tensor creation.
#include "reft.h"

#include <cstring>
#include <torch/serialize.h>

REFT_EXPORT void reft_io_save(const char* const* names, const reft_tensor* tensors, int64_t count, const char* path) {
  REFT_GUARD(torch::serialize::OutputArchive archive;
             for (int64_t i = 0; i < count; ++i) archive.write(names[i], tensors[i]->detach());
             archive.save_to(path);)
}

// Opens an archive; the caller reads it with reft_io_archive_count/name/tensor, then frees it.
REFT_EXPORT torch::serialize::InputArchive* reft_io_load(const char* path) {
  REFT_GUARD(auto archive = std::make_unique<torch::serialize::InputArchive>(); archive->load_from(path);
             return archive.release();)
}

REFT_EXPORT int64_t reft_io_archive_count(torch::serialize::InputArchive* archive) {
  REFT_GUARD(return static_cast<int64_t>(archive->keys().size());)
}

// Copies the name of entry `index` into `out` (capacity bytes, NUL-terminated); returns its length.
REFT_EXPORT int64_t reft_io_archive_name(torch::serialize::InputArchive* archive, int64_t index, char* out,
                                         int64_t capacity) {
  REFT_GUARD(auto name = archive->keys().at(static_cast<size_t>(index));
             if (static_cast<int64_t>(name.size()) < capacity) std::memcpy(out, name.c_str(), name.size() + 1);
             return static_cast<int64_t>(name.size());)
}

REFT_EXPORT reft_tensor reft_io_archive_tensor(torch::serialize::InputArchive* archive, const char* name) {
  REFT_GUARD(at::Tensor tensor; archive->read(name, tensor); return reft_wrap(tensor);)
}

REFT_EXPORT void reft_io_archive_free(torch::serialize::InputArchive* archive) { REFT_GUARD(delete archive;) }
