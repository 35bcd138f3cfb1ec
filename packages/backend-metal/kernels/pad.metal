// torch's F.pad: constant fills value_bits; reflect mirrors without repeating the edge
// (pad < size); replicate repeats the edge; circular wraps (pad ≤ size).
#include "common.h"

constant uint MODE [[function_constant(0)]];
constant uint DT [[function_constant(1)]];

kernel void pad(device const uchar* x [[buffer(0)]],
                device uchar* out [[buffer(1)]],
                constant PadParams& p [[buffer(2)]],
                uint gid [[thread_position_in_grid]]) {
  if (gid >= p.n) return;
  uint src = 0;
  uint stride = 1;
  uint i = gid;
  bool fill = false;
  for (uint k = p.rank; k > 0; --k) {
    int size = int(p.in_shape[k - 1]);
    int c = int(i % p.out_shape[k - 1]) - int(p.before[k - 1]);
    i /= p.out_shape[k - 1];
    if (c < 0 || c >= size) {
      if (MODE == WN_PAD_CONSTANT) fill = true;
      else if (MODE == WN_PAD_REFLECT) c = c < 0 ? -c : 2 * (size - 1) - c;
      else if (MODE == WN_PAD_REPLICATE) c = c < 0 ? 0 : size - 1;
      else c = ((c % size) + size) % size;
    }
    src += uint(c) * stride;
    stride *= uint(size);
  }
  if (!fill) copy_element(out, gid, x, src, DT);
  else if (DT == WN_F16) ((device ushort*)out)[gid] = ushort(p.value_bits & 0xffffu);
  else ((device uint*)out)[gid] = p.value_bits;
}
