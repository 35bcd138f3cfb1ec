// Sum and Max over any set of axes, one thread per output element. Float sums are compensated
// (Neumaier) in float32, so a 5000-element row keeps float64-like accuracy; int32 sums are exact
// (wrapping) integers.
#include "common.h"

constant uint OP [[function_constant(0)]];
constant uint DT [[function_constant(1)]];

kernel void reduce(device const uchar* x [[buffer(0)]],
                   device uchar* out [[buffer(1)]],
                   constant ReduceParams& p [[buffer(2)]],
                   uint gid [[thread_position_in_grid]]) {
  if (gid >= p.n) return;
  uint base = strided_offset(gid, p.kept_rank, p.kept_shape, p.kept_stride);
  if (DT == WN_I32) {
    int acc = OP == WN_SUM ? 0 : int(0x80000000u);
    for (uint j = 0; j < p.count; ++j) {
      int v = load_int(x, base + strided_offset(j, p.reduced_rank, p.reduced_shape, p.reduced_stride));
      acc = OP == WN_SUM ? int(uint(acc) + uint(v)) : (v > acc ? v : acc);
    }
    store_int(out, gid, acc);
    return;
  }
  if (OP == WN_MAX) {
    float m = -INFINITY;
    for (uint j = 0; j < p.count; ++j) {
      float v = load_float(x, base + strided_offset(j, p.reduced_rank, p.reduced_shape, p.reduced_stride), DT);
      // torch.max propagates NaN.
      if (isnan(v)) { m = v; break; }
      m = v > m ? v : m;
    }
    store_float(out, gid, DT, m);
    return;
  }
  float sum = 0.0f;
  float compensation = 0.0f;
  for (uint j = 0; j < p.count; ++j) {
    float v = load_float(x, base + strided_offset(j, p.reduced_rank, p.reduced_shape, p.reduced_stride), DT);
    float t = sum + v;
    compensation += fabs(sum) >= fabs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  // With an Inf or NaN in the row the compensation is NaN (Inf − Inf); the plain sum is the answer.
  store_float(out, gid, DT, isfinite(sum) ? sum + compensation : sum);
}
