// Fused weight norm and its backward, one threadgroup per norm row (kept index): each thread sums a
// strided share of the row, a shared-memory tree reduces the partial sums (threads_per_threadgroup
// is a power of two, at most WN_MAX_GROUP), then every thread writes its share. float16 is read into
// float32, accumulated there and rounded once on store.
#include "common.h"

constant uint DT [[function_constant(0)]];

// Element j of row `row` when v is viewed as [outer, rows, inner].
inline uint row_index(uint j, uint row, constant WeightNormParams& p) {
  return ((j / p.inner) * p.rows + row) * p.inner + j % p.inner;
}

// The tree reduction is written out in each kernel: a helper would take a `threadgroup float*`,
// which the emulator's shim (threadgroup arrays as section statics) cannot express as a parameter.

// w = v · (g / ‖v‖). g / ‖v‖ is formed first, as torch does, so a zero row with eps = 0 gives
// 0 · Inf = NaN.
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
    float x = load_float(v, row_index(j, row, p), DT);
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
    uint idx = row_index(j, row, p);
    store_float(out, idx, DT, load_float(v, idx, DT) * scale);
  }
}

// Backward, g half: grad_g[row] = Σ gw·v / sqrt(Σ v² + eps), both sums from one pass over the row.
kernel void weight_norm_grad_g(device const uchar* v [[buffer(0)]],
                               device const uchar* gw [[buffer(1)]],
                               device uchar* out [[buffer(2)]],
                               constant WeightNormParams& p [[buffer(3)]],
                               uint row [[threadgroup_position_in_grid]],
                               uint lid [[thread_position_in_threadgroup]],
                               uint threads [[threads_per_threadgroup]]) {
  // Both sums go through one tree, side by side, so they share its barriers.
  threadgroup float partial_sq[WN_MAX_GROUP];
  threadgroup float partial_dot[WN_MAX_GROUP];
  uint len = p.outer * p.inner;
  float sq = 0.0f;
  float dot = 0.0f;
  for (uint j = lid; j < len; j += threads) {
    uint idx = row_index(j, row, p);
    float x = load_float(v, idx, DT);
    sq += x * x;
    dot += load_float(gw, idx, DT) * x;
  }
  partial_sq[lid] = sq;
  partial_dot[lid] = dot;
  threadgroup_barrier(mem_flags::mem_threadgroup);
  for (uint s = threads / 2; s > 0; s >>= 1) {
    if (lid < s) {
      partial_sq[lid] += partial_sq[lid + s];
      partial_dot[lid] += partial_dot[lid + s];
    }
    threadgroup_barrier(mem_flags::mem_threadgroup);
  }
  if (lid == 0) store_float(out, row, DT, partial_dot[0] / precise::sqrt(partial_sq[0] + p.eps));
}

// Backward, v half: grad_v = gw · (g / n) − v · (g · gg / n²) with n² = Σ v² + eps, the two row
// coefficients formed once per row (gg is the g half's output).
kernel void weight_norm_grad_v(device const uchar* v [[buffer(0)]],
                               device const uchar* g [[buffer(1)]],
                               device const uchar* gw [[buffer(2)]],
                               device const uchar* gg [[buffer(3)]],
                               device uchar* out [[buffer(4)]],
                               constant WeightNormParams& p [[buffer(5)]],
                               uint row [[threadgroup_position_in_grid]],
                               uint lid [[thread_position_in_threadgroup]],
                               uint threads [[threads_per_threadgroup]]) {
  threadgroup float partial[WN_MAX_GROUP];
  uint len = p.outer * p.inner;
  float sq = 0.0f;
  for (uint j = lid; j < len; j += threads) {
    float x = load_float(v, row_index(j, row, p), DT);
    sq += x * x;
  }
  partial[lid] = sq;
  threadgroup_barrier(mem_flags::mem_threadgroup);
  for (uint s = threads / 2; s > 0; s >>= 1) {
    if (lid < s) partial[lid] += partial[lid + s];
    threadgroup_barrier(mem_flags::mem_threadgroup);
  }
  float norm_sq = partial[0] + p.eps;
  float g_row = load_float(g, row, DT);
  float scale_gw = g_row / precise::sqrt(norm_sq);
  float scale_v = g_row * load_float(gg, row, DT) / norm_sq;
  for (uint j = lid; j < len; j += threads) {
    uint idx = row_index(j, row, p);
    store_float(out, idx, DT, load_float(gw, idx, DT) * scale_gw - load_float(v, idx, DT) * scale_v);
  }
}
