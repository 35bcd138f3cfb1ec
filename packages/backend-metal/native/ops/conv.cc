// Host side of Conv and ConvTranspose: lifts 1-d and 2-d geometry to the kernels' 3 spatial axes
// (leading axes of size 1) and checks the output size core computed against the geometry.
#include "../../kernels/params.h"
#include "ops.h"

namespace wn {
namespace {

struct Geometry {
  ConvParams p{};
  bool hasBias = false;
};

std::vector<int64_t> perAxis(const OpCall& call, const char* name, size_t axes) {
  auto v = call.attrs.ints(call.op, name);
  if (v.size() != axes) {
    throw OpError("[" + call.op + "] " + name + " must have " + std::to_string(axes) + " entries (one per spatial axis); received " +
                  std::to_string(v.size()));
  }
  return v;
}

Geometry geometry(const OpCall& call, bool transposed) {
  const TensorArg& x = call.input(0, "x");
  const TensorArg& w = call.input(1, "w");
  size_t rank = x.shape.size();
  if (rank < 3 || rank > 5 || w.shape.size() != rank || call.outShape.size() != rank) {
    throw OpError("[" + call.op + "] x, w and the output must share a rank in [3, 5]; received " + formatShape(x.shape) + ", " +
                  formatShape(w.shape) + " and " + formatShape(call.outShape));
  }
  if (x.dtype == WN_I32) throw OpError("[" + call.op + "] x must be float32 or float16; received int32");
  size_t axes = rank - 2;
  int64_t groups = call.attrs.integer(call.op, "groups");
  auto stride = perAxis(call, "stride", axes);
  auto dilation = perAxis(call, "dilation", axes);
  std::vector<int64_t> pad(axes);
  if (transposed) {
    pad = perAxis(call, "padding", axes);
  } else {
    auto pairs = perAxis(call, "padding", 2 * axes);
    for (size_t i = 0; i < axes; ++i) pad[i] = pairs[2 * i];
  }
  Geometry g;
  ConvParams& p = g.p;
  p.n = call.outSize();
  p.batch = x.shape[0];
  p.in_channels = x.shape[1];
  p.out_channels = call.outShape[1];
  p.groups = static_cast<unsigned int>(groups);
  uint32_t weightIn = transposed ? w.shape[0] : w.shape[1] * static_cast<uint32_t>(groups);
  uint32_t weightOut = transposed ? w.shape[1] * static_cast<uint32_t>(groups) : w.shape[0];
  if (groups < 1 || p.in_channels % groups != 0 || p.out_channels % groups != 0 || weightIn != p.in_channels ||
      weightOut != p.out_channels) {
    throw OpError("[" + call.op + "] w must match " + std::to_string(p.in_channels) + " input and " + std::to_string(p.out_channels) +
                  " output channels in " + std::to_string(groups) + " groups; received w " + formatShape(w.shape));
  }
  for (size_t i = 0; i < 3; ++i) {
    p.in_size[i] = p.out_size[i] = p.kernel_size[i] = p.stride[i] = p.dilation[i] = 1;
    p.pad[i] = 0;
  }
  for (size_t i = 0; i < axes; ++i) {
    size_t k = 3 - axes + i;
    if (stride[i] < 1 || dilation[i] < 1 || pad[i] < 0) {
      throw OpError("[" + call.op + "] stride and dilation must be ≥ 1 and padding ≥ 0 on axis " + std::to_string(i) +
                    "; received stride " + std::to_string(stride[i]) + ", dilation " + std::to_string(dilation[i]) + ", padding " +
                    std::to_string(pad[i]));
    }
    p.in_size[k] = x.shape[2 + i];
    p.out_size[k] = call.outShape[2 + i];
    p.kernel_size[k] = w.shape[2 + i];
    p.stride[k] = static_cast<unsigned int>(stride[i]);
    p.dilation[k] = static_cast<unsigned int>(dilation[i]);
    p.pad[k] = static_cast<unsigned int>(pad[i]);
  }
  g.hasBias = call.inputs.size() > 2;
  if (g.hasBias && (call.inputs[2].size() != p.out_channels || call.inputs[2].dtype != x.dtype)) {
    throw OpError("[" + call.op + "] b must hold " + std::to_string(p.out_channels) + " values of x's dtype; received " +
                  formatShape(call.inputs[2].shape));
  }
  return g;
}

OpOutput run(Device& device, const OpCall& call, const char* kernel, const Geometry& g) {
  const TensorArg& x = call.inputs[0];
  auto out = call.allocateOutput(device);
  // Metal wants every declared buffer bound; without a bias the kernel never reads slot 2.
  auto bias = g.hasBias ? call.inputs[2].buffer : x.buffer;
  dispatchElements(device, kernel, {x.dtype, g.hasBias ? 1u : 0u},
                   {KernelArg::of(x.buffer), KernelArg::of(call.inputs[1].buffer), KernelArg::of(bias), KernelArg::of(out),
                    KernelArg::params(g.p)},
                   g.p.n);
  return out;
}

}  // namespace

OpOutput runConv(Device& device, const OpCall& call) {
  Geometry g = geometry(call, false);
  return run(device, call, "conv", g);
}

OpOutput runConvTranspose(Device& device, const OpCall& call) {
  Geometry g = geometry(call, true);
  return run(device, call, "conv_transpose", g);
}

}  // namespace wn
