// Views, joins, indexing and masking.
#include "reft.h"

REFT_EXPORT reft_tensor reft_shape_view(reft_tensor t, const int64_t* shape, int64_t ndim) {
  REFT_GUARD(return reft_wrap(t->view(reft_dims(shape, ndim)));)
}

REFT_EXPORT reft_tensor reft_shape_reshape(reft_tensor t, const int64_t* shape, int64_t ndim) {
  REFT_GUARD(return reft_wrap(t->reshape(reft_dims(shape, ndim)));)
}

REFT_EXPORT reft_tensor reft_shape_transpose(reft_tensor t, int64_t dim0, int64_t dim1) {
  REFT_GUARD(return reft_wrap(t->transpose(dim0, dim1));)
}

REFT_EXPORT reft_tensor reft_shape_permute(reft_tensor t, const int64_t* dims, int64_t ndim) {
  REFT_GUARD(return reft_wrap(t->permute(reft_dims(dims, ndim)));)
}

REFT_EXPORT reft_tensor reft_shape_unsqueeze(reft_tensor t, int64_t dim) {
  REFT_GUARD(return reft_wrap(t->unsqueeze(dim));)
}

REFT_EXPORT reft_tensor reft_shape_squeeze(reft_tensor t, int64_t dim, bool all_dims) {
  REFT_GUARD(return reft_wrap(all_dims ? t->squeeze() : t->squeeze(dim));)
}

REFT_EXPORT reft_tensor reft_shape_flatten(reft_tensor t, int64_t start_dim, int64_t end_dim) {
  REFT_GUARD(return reft_wrap(t->flatten(start_dim, end_dim));)
}

REFT_EXPORT reft_tensor reft_shape_narrow(reft_tensor t, int64_t dim, int64_t start, int64_t length) {
  REFT_GUARD(return reft_wrap(t->narrow(dim, start, length));)
}

REFT_EXPORT reft_tensor reft_shape_slice(reft_tensor t, int64_t dim, int64_t start, int64_t end, int64_t step) {
  REFT_GUARD(return reft_wrap(t->slice(dim, start, end, step));)
}

REFT_EXPORT reft_tensor reft_shape_select(reft_tensor t, int64_t dim, int64_t index) {
  REFT_GUARD(return reft_wrap(t->select(dim, index));)
}

REFT_EXPORT reft_tensor reft_shape_cat(const reft_tensor* tensors, int64_t count, int64_t dim) {
  REFT_GUARD(return reft_wrap(at::cat(reft_tensor_list(tensors, count), dim));)
}

REFT_EXPORT reft_tensor reft_shape_stack(const reft_tensor* tensors, int64_t count, int64_t dim) {
  REFT_GUARD(return reft_wrap(at::stack(reft_tensor_list(tensors, count), dim));)
}

REFT_EXPORT reft_tensor reft_shape_expand(reft_tensor t, const int64_t* shape, int64_t ndim) {
  REFT_GUARD(return reft_wrap(t->expand(reft_dims(shape, ndim)));)
}

REFT_EXPORT reft_tensor reft_shape_repeat(reft_tensor t, const int64_t* repeats, int64_t ndim) {
  REFT_GUARD(return reft_wrap(t->repeat(reft_dims(repeats, ndim)));)
}

REFT_EXPORT reft_tensor reft_shape_index_select(reft_tensor t, int64_t dim, reft_tensor index) {
  REFT_GUARD(return reft_wrap(t->index_select(dim, *index));)
}

REFT_EXPORT reft_tensor reft_shape_gather(reft_tensor t, int64_t dim, reft_tensor index) {
  REFT_GUARD(return reft_wrap(t->gather(dim, *index));)
}

REFT_EXPORT reft_tensor reft_shape_scatter(reft_tensor t, int64_t dim, reft_tensor index, reft_tensor source) {
  REFT_GUARD(return reft_wrap(t->scatter(dim, *index, *source));)
}

REFT_EXPORT reft_tensor reft_shape_scatter_add(reft_tensor t, int64_t dim, reft_tensor index, reft_tensor source) {
  REFT_GUARD(return reft_wrap(t->scatter_add(dim, *index, *source));)
}

REFT_EXPORT reft_tensor reft_shape_masked_fill(reft_tensor t, reft_tensor mask, double value) {
  REFT_GUARD(return reft_wrap(t->masked_fill(*mask, value));)
}

REFT_EXPORT reft_tensor reft_shape_where(reft_tensor condition, reft_tensor a, reft_tensor b) {
  REFT_GUARD(return reft_wrap(at::where(*condition, *a, *b));)
}

REFT_EXPORT reft_tensor reft_shape_tril(reft_tensor t, int64_t diagonal) {
  REFT_GUARD(return reft_wrap(t->tril(diagonal));)
}

REFT_EXPORT reft_tensor reft_shape_triu(reft_tensor t, int64_t diagonal) {
  REFT_GUARD(return reft_wrap(t->triu(diagonal));)
}

REFT_EXPORT reft_tensor reft_shape_flip(reft_tensor t, const int64_t* dims, int64_t ndim) {
  REFT_GUARD(return reft_wrap(t->flip(reft_dims(dims, ndim)));)
}
