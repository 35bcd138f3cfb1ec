// Elementwise unary ops, one pipeline per (op, dtype). int32 only reaches Neg, Abs and Sign: core
// promotes int32 input of the float functions to float32 first.
#include "common.h"
#include "erf.h"

constant uint OP [[function_constant(0)]];
constant uint DT [[function_constant(1)]];

inline float unary_float(float x) {
  switch (OP) {
    case WN_NEG: return -x;
    case WN_ABS: return fabs(x);
    // torch.sign: NaN and ±0 give 0.
    case WN_SIGN: return x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f);
    case WN_SQRT: return precise::sqrt(x);
    case WN_EXP: return precise::exp(x);
    case WN_LOG: return precise::log(x);
    case WN_SIN: return precise::sin(x);
    case WN_COS: return precise::cos(x);
    case WN_TANH: return precise::tanh(x);
    // exp(-x) overflows to Inf for x < -88, giving the correct limit 0.
    case WN_SIGMOID: return 1.0f / (1.0f + precise::exp(-x));
    case WN_ERF: return erf_f32(x);
    default: return NAN;
  }
}

inline int unary_int(int x) {
  switch (OP) {
    case WN_NEG: return int(0u - uint(x));
    case WN_ABS: return x < 0 ? int(0u - uint(x)) : x;
    case WN_SIGN: return x > 0 ? 1 : (x < 0 ? -1 : 0);
    default: return 0;
  }
}

kernel void unary(device const uchar* x [[buffer(0)]],
                  device uchar* out [[buffer(1)]],
                  constant UnaryParams& p [[buffer(2)]],
                  uint gid [[thread_position_in_grid]]) {
  if (gid >= p.n) return;
  if (DT == WN_I32) store_int(out, gid, unary_int(load_int(x, gid)));
  else store_float(out, gid, DT, unary_float(load_float(x, gid, DT)));
}
