// Transposed convolution as a gather, one thread per output element: output position s takes input
// position (s + pad − k·dilation) / stride wherever that divides exactly and lies inside. Weight is
// torch's [Cin, O/groups, k…]; 1-d and 2-d arrive with leading size-1 axes.
#include "common.h"

constant uint DT [[function_constant(0)]];
constant uint HAS_BIAS [[function_constant(1)]];

inline bool source_index(uint s, uint k, uint axis, constant ConvParams& p, thread uint& src) {
  int num = int(s + p.pad[axis]) - int(k * p.dilation[axis]);
  if (num < 0 || num % int(p.stride[axis]) != 0) return false;
  src = uint(num) / p.stride[axis];
  return src < p.in_size[axis];
}

kernel void conv_transpose(device const uchar* x [[buffer(0)]],
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
  uint opg = p.out_channels / p.groups;
  uint cpg = p.in_channels / p.groups;
  uint c0 = (o / opg) * cpg;
  uint oc = o % opg;
  uint ksize = p.kernel_size[0] * p.kernel_size[1] * p.kernel_size[2];
  uint in_plane = p.in_size[0] * p.in_size[1] * p.in_size[2];
  float acc = HAS_BIAS != 0 ? load_float(bias, o, DT) : 0.0f;
  for (uint kz = 0; kz < p.kernel_size[0]; ++kz) {
    uint iz;
    if (!source_index(oz, kz, 0, p, iz)) continue;
    for (uint ky = 0; ky < p.kernel_size[1]; ++ky) {
      uint iy;
      if (!source_index(oy, ky, 1, p, iy)) continue;
      for (uint kx = 0; kx < p.kernel_size[2]; ++kx) {
        uint ix;
        if (!source_index(ox, kx, 2, p, ix)) continue;
        uint spatial = (iz * p.in_size[1] + iy) * p.in_size[2] + ix;
        uint tap = (kz * p.kernel_size[1] + ky) * p.kernel_size[2] + kx;
        for (uint c = 0; c < cpg; ++c) {
          uint ci = c0 + c;
          acc += load_float(x, (nb * p.in_channels + ci) * in_plane + spatial, DT) *
                 load_float(w, (ci * opg + oc) * ksize + tap, DT);
        }
      }
    }
  }
  store_float(out, gid, DT, acc);
}
