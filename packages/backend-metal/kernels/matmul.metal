// a [B, M, K] · b [B, K, N], one thread per output element, float32 accumulation (exact wrapping
// integers for int32).
#include "common.h"

constant uint DT [[function_constant(0)]];

kernel void matmul(device const uchar* a [[buffer(0)]],
                   device const uchar* b [[buffer(1)]],
                   device uchar* out [[buffer(2)]],
                   constant MatMulParams& p [[buffer(3)]],
                   uint gid [[thread_position_in_grid]]) {
  uint per_batch = p.m * p.n;
  if (gid >= p.batch * per_batch) return;
  uint batch = gid / per_batch;
  uint row = (gid % per_batch) / p.n;
  uint col = gid % p.n;
  uint a0 = batch * p.a_batch_stride + row * p.k;
  uint b0 = batch * p.b_batch_stride + col;
  if (DT == WN_I32) {
    uint acc = 0;
    for (uint j = 0; j < p.k; ++j) acc += uint(load_int(a, a0 + j)) * uint(load_int(b, b0 + j * p.n));
    store_int(out, gid, int(acc));
    return;
  }
  float acc = 0.0f;
  for (uint j = 0; j < p.k; ++j) acc += load_float(a, a0 + j, DT) * load_float(b, b0 + j * p.n, DT);
  store_float(out, gid, DT, acc);
}
