// Helpers every kernel shares: dtype-generic loads and stores (the dtype is a function constant,
// so Metal folds the branches away when it specializes a pipeline) and index arithmetic.
#ifndef WEIGHTNORM_KERNEL_COMMON_H
#define WEIGHTNORM_KERNEL_COMMON_H

#include <metal_stdlib>
#include "params.h"
using namespace metal;

// float16 is computed in float32 and rounded once, on store.
inline float load_float(device const uchar* p, uint i, uint dt) {
  if (dt == WN_F16) return float(((device const half*)p)[i]);
  if (dt == WN_I32) return float(((device const int*)p)[i]);
  return ((device const float*)p)[i];
}

inline void store_float(device uchar* p, uint i, uint dt, float v) {
  if (dt == WN_F16) ((device half*)p)[i] = half(v);
  else if (dt == WN_I32) ((device int*)p)[i] = int(v);
  else ((device float*)p)[i] = v;
}

inline int load_int(device const uchar* p, uint i) { return ((device const int*)p)[i]; }
inline void store_int(device uchar* p, uint i, int v) { ((device int*)p)[i] = v; }

// Copies one element's bits; movement ops never look at values, so NaN payloads and -0 survive.
inline void copy_element(device uchar* dst, uint di, device const uchar* src, uint si, uint dt) {
  if (dt == WN_F16) ((device ushort*)dst)[di] = ((device const ushort*)src)[si];
  else ((device uint*)dst)[di] = ((device const uint*)src)[si];
}

// Offset of dense row-major index i in a tensor with `strides` (elements) over `shape`.
inline uint strided_offset(uint i, uint rank, constant uint* shape, constant uint* strides) {
  uint offset = 0;
  for (uint d = rank; d > 0; --d) {
    uint size = shape[d - 1];
    offset += (i % size) * strides[d - 1];
    i /= size;
  }
  return offset;
}

#endif
