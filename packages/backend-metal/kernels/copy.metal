// Strided copy: dst[dst_offset + Σ i·dst_stride] = src[src_offset + Σ i·src_stride] over `shape`.
// Permute, Expand (stride 0), Slice (offset and stepped, possibly negative strides) and each input
// of Concat (a window of the output) are all this one kernel with different strides.
#include "common.h"

constant uint DT [[function_constant(0)]];

kernel void strided_copy(device const uchar* src [[buffer(0)]],
                         device uchar* dst [[buffer(1)]],
                         constant CopyParams& p [[buffer(2)]],
                         uint gid [[thread_position_in_grid]]) {
  if (gid >= p.n) return;
  int s = p.src_offset;
  uint d = p.dst_offset;
  uint i = gid;
  for (uint k = p.rank; k > 0; --k) {
    uint size = p.shape[k - 1];
    uint c = i % size;
    i /= size;
    s += int(c) * p.src_stride[k - 1];
    d += c * p.dst_stride[k - 1];
  }
  copy_element(dst, d, src, uint(s), DT);
}
