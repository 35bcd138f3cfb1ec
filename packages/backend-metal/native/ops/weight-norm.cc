#include <initializer_list>

#include "../../kernels/params.h"
#include "ops.h"

namespace wn {
namespace {

// v viewed as [outer, rows, inner] around `axis` (the whole tensor is one row when axis is null),
// after checking the attributes and that every tensor shares v's float dtype.
WeightNormParams rowParams(const OpCall& call, const TensorArg& v, std::initializer_list<const TensorArg*> sameDtype) {
  if (v.dtype == WN_I32) {
    throw OpError("[" + call.op + "] v must be float32 or float16; received dtype code " + std::to_string(v.dtype));
  }
  for (const TensorArg* t : sameDtype) {
    if (t->dtype != v.dtype) {
      throw OpError("[" + call.op + "] every input must share v's dtype (code " + std::to_string(v.dtype) + "); received code " +
                    std::to_string(t->dtype));
    }
  }
  auto axis = call.attrs.optionalInteger(call.op, "axis");
  if (axis && (*axis < 0 || *axis >= static_cast<int64_t>(v.shape.size()))) {
    throw OpError("[" + call.op + "] axis must be null or in [0, " + std::to_string(v.shape.size()) + "); received " + std::to_string(*axis));
  }
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
  return p;
}

// Fails unless `t` holds one value per row (g, gg: v's rank with 1 off the axis, or []).
void checkPerRow(const OpCall& call, const char* name, const TensorArg& t, const WeightNormParams& p) {
  if (t.size() != p.rows) {
    throw OpError("[" + call.op + "] " + name + " must hold " + std::to_string(p.rows) + " values (one per kept index); received shape " +
                  formatShape(t.shape));
  }
}

void checkLikeV(const OpCall& call, const char* name, const TensorArg& t, const TensorArg& v) {
  if (t.shape != v.shape) {
    throw OpError("[" + call.op + "] " + name + " must have v's shape " + formatShape(v.shape) + "; received " + formatShape(t.shape));
  }
}

// One threadgroup per row; the group size is the smallest power of two covering the row, up to
// WN_MAX_GROUP, so short rows (a conv's C·k) do not run idle threads through every barrier.
void encodeRows(Device& device, const char* kernel, uint32_t dtype, std::vector<KernelArg> args, const WeightNormParams& p) {
  uint32_t len = p.outer * p.inner;
  uint32_t threads = 1;
  while (threads < len && threads < WN_MAX_GROUP) threads *= 2;
  Dispatch d;
  d.kernel = kernel;
  d.constants = {dtype};
  d.args = std::move(args);
  d.groups = p.rows;
  d.threadsPerGroup = threads;
  device.encode(std::move(d));
}

}  // namespace

OpOutput runWeightNorm(Device& device, const OpCall& call) {
  const TensorArg& v = call.input(0, "v");
  const TensorArg& g = call.input(1, "g");
  WeightNormParams p = rowParams(call, v, {&g});
  checkPerRow(call, "g", g, p);
  auto out = call.allocateOutput(device);
  if (v.size() == 0) return out;
  encodeRows(device, "weight_norm", v.dtype, {KernelArg::of(v.buffer), KernelArg::of(g.buffer), KernelArg::of(out), KernelArg::params(p)}, p);
  return out;
}

OpOutput runWeightNormGradG(Device& device, const OpCall& call) {
  const TensorArg& v = call.input(0, "v");
  const TensorArg& gw = call.input(1, "gw");
  WeightNormParams p = rowParams(call, v, {&gw});
  checkLikeV(call, "gw", gw, v);
  auto out = call.allocateOutput(device);
  // An empty row still has a gradient, 0 / sqrt(eps), so only a g with no rows skips the dispatch.
  if (p.rows == 0) return out;
  encodeRows(device, "weight_norm_grad_g", v.dtype,
             {KernelArg::of(v.buffer), KernelArg::of(gw.buffer), KernelArg::of(out), KernelArg::params(p)}, p);
  return out;
}

OpOutput runWeightNormGradV(Device& device, const OpCall& call) {
  const TensorArg& v = call.input(0, "v");
  const TensorArg& g = call.input(1, "g");
  const TensorArg& gw = call.input(2, "gw");
  const TensorArg& gg = call.input(3, "gg");
  WeightNormParams p = rowParams(call, v, {&g, &gw, &gg});
  checkPerRow(call, "g", g, p);
  checkLikeV(call, "gw", gw, v);
  checkPerRow(call, "gg", gg, p);
  auto out = call.allocateOutput(device);
  if (v.size() == 0) return out;
  encodeRows(device, "weight_norm_grad_v", v.dtype,
             {KernelArg::of(v.buffer), KernelArg::of(g.buffer), KernelArg::of(gw.buffer), KernelArg::of(gg.buffer), KernelArg::of(out),
              KernelArg::params(p)},
             p);
  return out;
}

}  // namespace wn
