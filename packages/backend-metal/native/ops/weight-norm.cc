#include "../../kernels/params.h"
#include "ops.h"

namespace wn {

// One threadgroup per norm row; the group size is the smallest power of two covering the row, up
// to WN_MAX_GROUP, so short rows (a conv's C·k) do not run idle threads through every barrier.
OpOutput runWeightNorm(Device& device, const OpCall& call) {
  const TensorArg& v = call.input(0, "v");
  const TensorArg& g = call.input(1, "g");
  if (v.dtype == WN_I32 || g.dtype != v.dtype) {
    throw OpError("[WeightNorm] v and g must share a float dtype; received codes " + std::to_string(v.dtype) + " and " +
                  std::to_string(g.dtype));
  }
  auto axis = call.attrs.optionalInteger(call.op, "axis");
  WeightNormParams p{};
  p.outer = 1;
  p.rows = 1;
  p.inner = 1;
  p.eps = static_cast<float>(call.attrs.number(call.op, "eps"));
  for (size_t d = 0; d < v.shape.size(); ++d) {
    if (!axis || static_cast<int64_t>(d) > *axis) p.inner *= v.shape[d];
    else if (static_cast<int64_t>(d) < *axis) p.outer *= v.shape[d];
    else p.rows = v.shape[d];
  }
  if (axis && (*axis < 0 || *axis >= static_cast<int64_t>(v.shape.size()))) {
    throw OpError("[WeightNorm] axis must be null or in [0, " + std::to_string(v.shape.size()) + "); received " + std::to_string(*axis));
  }
  if (g.size() != p.rows) {
    throw OpError("[WeightNorm] g must hold " + std::to_string(p.rows) + " values; received shape " + formatShape(g.shape));
  }
  auto out = call.allocateOutput(device);
  uint32_t len = p.outer * p.inner;
  if (v.size() == 0) return out;
  uint32_t threads = 1;
  while (threads < len && threads < WN_MAX_GROUP) threads *= 2;
  Dispatch d;
  d.kernel = "weight_norm";
  d.constants = {v.dtype};
  d.args = {KernelArg::of(v.buffer), KernelArg::of(g.buffer), KernelArg::of(out), KernelArg::params(p)};
  d.groups = p.rows;
  d.threadsPerGroup = threads;
  device.encode(std::move(d));
  return out;
}

}  // namespace wn
