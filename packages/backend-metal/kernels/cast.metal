// Dtype conversion. float → int truncates toward zero (torch); float32 → half rounds to nearest
// even; int → half goes through float32, which is exact below 2^24 and overflows half above it
// either way, so there is no double rounding that shows.
#include "common.h"

constant uint FROM_DT [[function_constant(0)]];
constant uint TO_DT [[function_constant(1)]];

kernel void cast(device const uchar* x [[buffer(0)]],
                 device uchar* out [[buffer(1)]],
                 constant CastParams& p [[buffer(2)]],
                 uint gid [[thread_position_in_grid]]) {
  if (gid >= p.n) return;
  if (FROM_DT == WN_I32 && TO_DT == WN_I32) store_int(out, gid, load_int(x, gid));
  else store_float(out, gid, TO_DT, load_float(x, gid, FROM_DT));
}
