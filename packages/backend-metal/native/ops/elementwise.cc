// Host side of the elementwise kernels: op codes, dtype constants and broadcast strides.
#include <map>

#include "../../kernels/params.h"
#include "ops.h"

namespace wn {
namespace {

const std::map<std::string, uint32_t> kUnaryCodes = {
    {"Neg", WN_NEG}, {"Abs", WN_ABS}, {"Sign", WN_SIGN}, {"Sqrt", WN_SQRT}, {"Exp", WN_EXP},         {"Log", WN_LOG},
    {"Sin", WN_SIN}, {"Cos", WN_COS}, {"Tanh", WN_TANH}, {"Sigmoid", WN_SIGMOID}, {"Erf", WN_ERF},
};

const std::map<std::string, uint32_t> kBinaryCodes = {
    {"Add", WN_ADD},         {"Sub", WN_SUB},         {"Mul", WN_MUL},         {"Div", WN_DIV},   {"Pow", WN_POW},
    {"Maximum", WN_MAXIMUM}, {"Minimum", WN_MINIMUM}, {"Greater", WN_GREATER}, {"Less", WN_LESS}, {"Equal", WN_EQUAL},
};

// Element strides of `in` read at the output's coordinates: 0 on axes `in` broadcasts.
void broadcastStrides(const std::string& op, const char* name, const TensorArg& in, const std::vector<uint32_t>& out,
                      unsigned int* strides) {
  if (in.shape.size() != out.size()) {
    throw OpError("[" + op + "] " + name + " must have the output's rank " + std::to_string(out.size()) + "; received shape " +
                  formatShape(in.shape));
  }
  auto contiguous = contiguousStrides(in.shape);
  for (size_t d = 0; d < out.size(); ++d) {
    if (in.shape[d] != out[d] && in.shape[d] != 1) {
      throw OpError("[" + op + "] " + name + " must broadcast to " + formatShape(out) + "; received shape " + formatShape(in.shape));
    }
    strides[d] = in.shape[d] == 1 ? 0 : contiguous[d];
  }
}

BroadcastParams broadcastParams(const OpCall& call) {
  checkRank(call.op, "the output", call.outShape.size(), WN_MAX_RANK);
  BroadcastParams p{};
  p.n = call.outSize();
  p.rank = static_cast<unsigned int>(call.outShape.size());
  for (size_t d = 0; d < call.outShape.size(); ++d) p.shape[d] = call.outShape[d];
  return p;
}

void requireDtype(const OpCall& call, const TensorArg& t, const char* name, uint32_t dtype) {
  if (t.dtype != dtype) {
    throw OpError("[" + call.op + "] " + name + " must have the output's dtype (code " + std::to_string(dtype) +
                  "); received code " + std::to_string(t.dtype));
  }
}

}  // namespace

OpOutput runUnary(Device& device, const OpCall& call) {
  const TensorArg& x = call.input(0, "x");
  requireDtype(call, x, "x", call.outDtype);
  uint32_t code = kUnaryCodes.at(call.op);
  if (x.dtype == WN_I32 && code != WN_NEG && code != WN_ABS && code != WN_SIGN) {
    throw OpError("[" + call.op + "] x must be float32 or float16 (core promotes int32); received int32");
  }
  auto out = call.allocateOutput(device);
  UnaryParams p{call.outSize()};
  dispatchElements(device, "unary", {code, x.dtype}, {KernelArg::of(x.buffer), KernelArg::of(out), KernelArg::params(p)}, p.n);
  return out;
}

OpOutput runBinary(Device& device, const OpCall& call) {
  const TensorArg& a = call.input(0, "a");
  const TensorArg& b = call.input(1, "b");
  requireDtype(call, a, "a", call.outDtype);
  requireDtype(call, b, "b", call.outDtype);
  uint32_t code = kBinaryCodes.at(call.op);
  if (a.dtype == WN_I32 && (code == WN_DIV || code == WN_POW)) {
    throw OpError("[" + call.op + "] a must be float32 or float16 (core promotes int32); received int32");
  }
  BroadcastParams p = broadcastParams(call);
  broadcastStrides(call.op, "a", a, call.outShape, p.stride_a);
  broadcastStrides(call.op, "b", b, call.outShape, p.stride_b);
  auto out = call.allocateOutput(device);
  dispatchElements(device, "binary", {code, a.dtype},
                   {KernelArg::of(a.buffer), KernelArg::of(b.buffer), KernelArg::of(out), KernelArg::params(p)}, p.n);
  return out;
}

OpOutput runWhere(Device& device, const OpCall& call) {
  const TensorArg& cond = call.input(0, "cond");
  const TensorArg& a = call.input(1, "a");
  const TensorArg& b = call.input(2, "b");
  requireDtype(call, a, "a", call.outDtype);
  requireDtype(call, b, "b", call.outDtype);
  BroadcastParams p = broadcastParams(call);
  broadcastStrides(call.op, "cond", cond, call.outShape, p.stride_c);
  broadcastStrides(call.op, "a", a, call.outShape, p.stride_a);
  broadcastStrides(call.op, "b", b, call.outShape, p.stride_b);
  auto out = call.allocateOutput(device);
  dispatchElements(device, "where_select", {cond.dtype, a.dtype},
                   {KernelArg::of(cond.buffer), KernelArg::of(a.buffer), KernelArg::of(b.buffer), KernelArg::of(out),
                    KernelArg::params(p)},
                   p.n);
  return out;
}

OpOutput runCast(Device& device, const OpCall& call) {
  const TensorArg& x = call.input(0, "x");
  auto out = call.allocateOutput(device);
  CastParams p{call.outSize()};
  dispatchElements(device, "cast", {x.dtype, call.outDtype}, {KernelArg::of(x.buffer), KernelArg::of(out), KernelArg::params(p)},
                   p.n);
  return out;
}

}  // namespace wn
