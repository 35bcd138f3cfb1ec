// Direct grouped convolution over 3 spatial axes (1-d and 2-d arrive with leading size-1 axes),
// one thread per output element, float32 accumulation, zero padding given as the leading pad of
// each axis (the trailing one only shapes the output, which the host already sized).
#include "common.h"

constant uint DT [[function_constant(0)]];
constant uint HAS_BIAS [[function_constant(1)]];

kernel void conv(device const uchar* x [[buffer(0)]],
                 device const uchar* w [[buffer(1)]],
                 device const uchar* bias [[buffer(2)]],
                 device uchar* out [[buffer(3)]],
                 constant ConvParams& p [[buffer(4)]],
                 uint gid [[thread_position_in_grid]]) {
  if (gid >= p.n) return;
  uint i = gid;
  uint ox = i % p.out_size[2]; i /= p.out_size[2];
  uint oy = i % p.out_size[1]; i /= p.out_size[1];
  uint oz = i % p.out_size[0]; i /= p.out_size[0];
  uint o = i % p.out_channels;
  uint nb = i / p.out_channels;
  uint cpg = p.in_channels / p.groups;
  uint c0 = (o / (p.out_channels / p.groups)) * cpg;
  uint ksize = p.kernel_size[0] * p.kernel_size[1] * p.kernel_size[2];
  uint in_plane = p.in_size[0] * p.in_size[1] * p.in_size[2];
  float acc = HAS_BIAS != 0 ? load_float(bias, o, DT) : 0.0f;
  for (uint c = 0; c < cpg; ++c) {
    uint x_base = (nb * p.in_channels + c0 + c) * in_plane;
    uint w_base = (o * cpg + c) * ksize;
    for (uint kz = 0; kz < p.kernel_size[0]; ++kz) {
      int iz = int(oz * p.stride[0] + kz * p.dilation[0]) - int(p.pad[0]);
      if (iz < 0 || iz >= int(p.in_size[0])) continue;
      for (uint ky = 0; ky < p.kernel_size[1]; ++ky) {
        int iy = int(oy * p.stride[1] + ky * p.dilation[1]) - int(p.pad[1]);
        if (iy < 0 || iy >= int(p.in_size[1])) continue;
        for (uint kx = 0; kx < p.kernel_size[2]; ++kx) {
          int ix = int(ox * p.stride[2] + kx * p.dilation[2]) - int(p.pad[2]);
          if (ix < 0 || ix >= int(p.in_size[2])) continue;
          uint xi = x_base + (uint(iz) * p.in_size[1] + uint(iy)) * p.in_size[2] + uint(ix);
          uint wi = w_base + (kz * p.kernel_size[1] + ky) * p.kernel_size[2] + kx;
          acc += load_float(x, xi, DT) * load_float(w, wi, DT);
        }
      }
    }
  }
  store_float(out, gid, DT, acc);
}
