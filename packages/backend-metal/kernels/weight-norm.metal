// Fused weight norm, w = v · (g / ‖v‖), one threadgroup per norm row: each thread sums the squares
// of a strided share of the row, a shared-memory tree reduces the partial sums (threads_per_threadgroup
// is a power of two, at most WN_MAX_GROUP), then every thread scales its share. g / ‖v‖ is formed first, as torch does, so
// a zero row with eps = 0 gives 0 · Inf = NaN.
#include "common.h"

constant uint DT [[function_constant(0)]];

kernel void weight_norm(device const uchar* v [[buffer(0)]],
                        device const uchar* g [[buffer(1)]],
                        device uchar* out [[buffer(2)]],
                        constant WeightNormParams& p [[buffer(3)]],
                        uint row [[threadgroup_position_in_grid]],
                        uint lid [[thread_position_in_threadgroup]],
                        uint threads [[threads_per_threadgroup]]) {
  threadgroup float partial[WN_MAX_GROUP];
  uint len = p.outer * p.inner;
  float acc = 0.0f;
  for (uint j = lid; j < len; j += threads) {
    uint idx = ((j / p.inner) * p.rows + row) * p.inner + j % p.inner;
    float x = load_float(v, idx, DT);
    acc += x * x;
  }
  partial[lid] = acc;
  threadgroup_barrier(mem_flags::mem_threadgroup);
  for (uint s = threads / 2; s > 0; s >>= 1) {
    if (lid < s) partial[lid] += partial[lid + s];
    threadgroup_barrier(mem_flags::mem_threadgroup);
  }
  float scale = load_float(g, row, DT) / precise::sqrt(partial[0] + p.eps);
  for (uint j = lid; j < len; j += threads) {
    uint idx = ((j / p.inner) * p.rows + row) * p.inner + j % p.inner;
    store_float(out, idx, DT, load_float(v, idx, DT) * scale);
  }
}
