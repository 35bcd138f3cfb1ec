// out = cond != 0 ? a : b, all three broadcast by strides. cond has its own dtype; a and b are
// copied as bits, so a NaN in the branch not taken never matters.
#include "common.h"

constant uint COND_DT [[function_constant(0)]];
constant uint DT [[function_constant(1)]];

kernel void where_select(device const uchar* cond [[buffer(0)]],
                         device const uchar* a [[buffer(1)]],
                         device const uchar* b [[buffer(2)]],
                         device uchar* out [[buffer(3)]],
                         constant BroadcastParams& p [[buffer(4)]],
                         uint gid [[thread_position_in_grid]]) {
  if (gid >= p.n) return;
  uint ic = strided_offset(gid, p.rank, p.shape, p.stride_c);
  bool take_a = COND_DT == WN_I32 ? load_int(cond, ic) != 0 : load_float(cond, ic, COND_DT) != 0.0f;
  if (take_a) copy_element(out, gid, a, strided_offset(gid, p.rank, p.shape, p.stride_a), DT);
  else copy_element(out, gid, b, strided_offset(gid, p.rank, p.shape, p.stride_b), DT);
}
