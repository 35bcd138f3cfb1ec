// Elementwise binary ops with broadcasting by strides (0 on a broadcast axis), one pipeline per
// (op, dtype). Comparisons write 1 or 0 in the input dtype; int32 arithmetic wraps like torch's.
#include "common.h"

constant uint OP [[function_constant(0)]];
constant uint DT [[function_constant(1)]];

// C's pow, which torch calls: x^±0 = 1 and 1^y = 1 even for NaN, a negative base needs an
// integral exponent (odd keeps the sign). Spelled out so no device's pow has a say in the edges.
inline float pow_c(float a, float b) {
  if (b == 0.0f || a == 1.0f) return 1.0f;
  if (isnan(a) || isnan(b)) return NAN;
  if (isinf(b)) {
    float m = fabs(a);
    if (m == 1.0f) return 1.0f;
    return (m > 1.0f) == (b > 0.0f) ? INFINITY : 0.0f;
  }
  float r = precise::pow(fabs(a), b);
  if (signbit(a)) {
    bool integral = floor(b) == b;
    if (!integral) return (a == 0.0f || isinf(a)) ? r : NAN;
    if (fmod(fabs(b), 2.0f) == 1.0f) r = -r;
  }
  return r;
}

inline float binary_float(float a, float b) {
  switch (OP) {
    case WN_ADD: return a + b;
    case WN_SUB: return a - b;
    case WN_MUL: return a * b;
    case WN_DIV: return a / b;
    case WN_POW: return pow_c(a, b);
    // torch.maximum/minimum propagate NaN; fmax/fmin would drop it.
    case WN_MAXIMUM: return (isnan(a) || isnan(b)) ? NAN : (a > b ? a : b);
    case WN_MINIMUM: return (isnan(a) || isnan(b)) ? NAN : (a < b ? a : b);
    case WN_GREATER: return a > b ? 1.0f : 0.0f;
    case WN_LESS: return a < b ? 1.0f : 0.0f;
    case WN_EQUAL: return a == b ? 1.0f : 0.0f;
    default: return NAN;
  }
}

inline int binary_int(int a, int b) {
  switch (OP) {
    // Unsigned arithmetic wraps on overflow where signed would be undefined.
    case WN_ADD: return int(uint(a) + uint(b));
    case WN_SUB: return int(uint(a) - uint(b));
    case WN_MUL: return int(uint(a) * uint(b));
    case WN_MAXIMUM: return a > b ? a : b;
    case WN_MINIMUM: return a < b ? a : b;
    case WN_GREATER: return a > b ? 1 : 0;
    case WN_LESS: return a < b ? 1 : 0;
    case WN_EQUAL: return a == b ? 1 : 0;
    default: return 0;
  }
}

kernel void binary(device const uchar* a [[buffer(0)]],
                   device const uchar* b [[buffer(1)]],
                   device uchar* out [[buffer(2)]],
                   constant BroadcastParams& p [[buffer(3)]],
                   uint gid [[thread_position_in_grid]]) {
  if (gid >= p.n) return;
  uint ia = strided_offset(gid, p.rank, p.shape, p.stride_a);
  uint ib = strided_offset(gid, p.rank, p.shape, p.stride_b);
  if (DT == WN_I32) store_int(out, gid, binary_int(load_int(a, ia), load_int(b, ib)));
  else store_float(out, gid, DT, binary_float(load_float(a, ia, DT), load_float(b, ib, DT)));
}
