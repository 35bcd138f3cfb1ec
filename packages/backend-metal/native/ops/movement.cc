// Host side of the movement ops. Permute, Expand, Slice and Concat are all the strided_copy kernel
// with different strides; Pad has its own kernel for the four modes.
#include <cmath>
#include <cstring>

#include "../../kernels/params.h"
#include "ops.h"

namespace wn {
namespace {

CopyParams copyParams(const std::string& op, const std::vector<uint32_t>& shape) {
  checkRank(op, "the output", shape.size(), WN_MAX_RANK);
  CopyParams p{};
  p.n = 1;
  p.rank = static_cast<unsigned int>(shape.size());
  for (size_t d = 0; d < shape.size(); ++d) {
    p.shape[d] = shape[d];
    p.n *= shape[d];
  }
  return p;
}

void setContiguousDestination(CopyParams& p, const std::vector<uint32_t>& shape) {
  auto strides = contiguousStrides(shape);
  for (size_t d = 0; d < shape.size(); ++d) p.dst_stride[d] = strides[d];
}

OpOutput copy(Device& device, const TensorArg& x, const CopyParams& p, OpOutput out) {
  dispatchElements(device, "strided_copy", {x.dtype}, {KernelArg::of(x.buffer), KernelArg::of(out), KernelArg::params(p)}, p.n);
  return out;
}

// IEEE binary16 bits of v, rounded to nearest even (the pad value of a float16 tensor).
uint32_t halfBits(float v) {
  uint32_t f;
  std::memcpy(&f, &v, 4);
  uint32_t sign = (f >> 16) & 0x8000u;
  uint32_t absf = f & 0x7fffffffu;
  if (absf > 0x7f800000u) return sign | 0x7e00u;        // NaN
  if (absf >= 0x477ff000u) return sign | 0x7c00u;       // ≥ 65520 rounds to Inf
  if (absf < 0x33000001u) return sign;                  // ≤ 2^-25 rounds to 0
  int exp = static_cast<int>(absf >> 23);
  uint32_t mant = (absf & 0x7fffffu) | 0x800000u;
  int shift = exp < 113 ? 126 - exp : 13;                // subnormal halves shift further
  uint32_t base = exp < 113 ? 0 : static_cast<uint32_t>(exp - 112) << 10;
  uint32_t kept = mant >> shift;
  uint32_t rest = mant & ((1u << shift) - 1);
  uint32_t halfway = 1u << (shift - 1);
  uint32_t bits = (exp < 113 ? kept : base + (kept & 0x3ffu));
  if (rest > halfway || (rest == halfway && (bits & 1u))) ++bits;  // may carry into the exponent: correct
  return sign | bits;
}

}  // namespace

OpOutput runPermute(Device& device, const OpCall& call) {
  const TensorArg& x = call.input(0, "x");
  auto perm = call.attrs.ints(call.op, "perm");
  if (perm.size() != x.shape.size()) {
    throw OpError("[Permute] perm must list " + std::to_string(x.shape.size()) + " axes; received " + std::to_string(perm.size()));
  }
  CopyParams p = copyParams(call.op, call.outShape);
  auto strides = contiguousStrides(x.shape);
  for (size_t d = 0; d < perm.size(); ++d) {
    if (perm[d] < 0 || perm[d] >= static_cast<int64_t>(x.shape.size())) {
      throw OpError("[Permute] perm must hold axes in [0, " + std::to_string(x.shape.size()) + "); received " + std::to_string(perm[d]));
    }
    p.src_stride[d] = static_cast<int>(strides[perm[d]]);
  }
  setContiguousDestination(p, call.outShape);
  return copy(device, x, p, call.allocateOutput(device));
}

OpOutput runExpand(Device& device, const OpCall& call) {
  const TensorArg& x = call.input(0, "x");
  if (x.shape.size() != call.outShape.size()) {
    throw OpError("[Expand] x must have the output's rank " + std::to_string(call.outShape.size()) + "; received shape " + formatShape(x.shape));
  }
  CopyParams p = copyParams(call.op, call.outShape);
  auto strides = contiguousStrides(x.shape);
  for (size_t d = 0; d < x.shape.size(); ++d) {
    if (x.shape[d] != call.outShape[d] && x.shape[d] != 1) {
      throw OpError("[Expand] x must have size 1 or " + std::to_string(call.outShape[d]) + " on axis " + std::to_string(d) +
                    "; received " + std::to_string(x.shape[d]));
    }
    p.src_stride[d] = x.shape[d] == 1 ? 0 : static_cast<int>(strides[d]);
  }
  setContiguousDestination(p, call.outShape);
  return copy(device, x, p, call.allocateOutput(device));
}

OpOutput runSlice(Device& device, const OpCall& call) {
  const TensorArg& x = call.input(0, "x");
  auto starts = call.attrs.ints(call.op, "starts");
  auto steps = call.attrs.ints(call.op, "steps");
  if (starts.size() != x.shape.size() || steps.size() != x.shape.size()) {
    throw OpError("[Slice] starts and steps must have one entry per axis (" + std::to_string(x.shape.size()) + "); received " +
                  std::to_string(starts.size()) + " and " + std::to_string(steps.size()));
  }
  CopyParams p = copyParams(call.op, call.outShape);
  auto strides = contiguousStrides(x.shape);
  int64_t offset = 0;
  for (size_t d = 0; d < x.shape.size(); ++d) {
    int64_t last = starts[d] + (static_cast<int64_t>(call.outShape[d]) - 1) * steps[d];
    if (call.outShape[d] > 0 && (starts[d] < 0 || starts[d] >= x.shape[d] || last < 0 || last >= x.shape[d])) {
      throw OpError("[Slice] the slice of axis " + std::to_string(d) + " must stay inside [0, " + std::to_string(x.shape[d]) +
                    "); received start " + std::to_string(starts[d]) + ", step " + std::to_string(steps[d]));
    }
    offset += starts[d] * strides[d];
    p.src_stride[d] = static_cast<int>(steps[d] * strides[d]);
  }
  p.src_offset = static_cast<int>(offset);
  setContiguousDestination(p, call.outShape);
  return copy(device, x, p, call.allocateOutput(device));
}

OpOutput runConcat(Device& device, const OpCall& call) {
  int64_t axis = call.attrs.integer(call.op, "axis");
  if (axis < 0 || axis >= static_cast<int64_t>(call.outShape.size())) {
    throw OpError("[Concat] axis must be in [0, " + std::to_string(call.outShape.size()) + "); received " + std::to_string(axis));
  }
  auto out = call.allocateOutput(device);
  auto outStrides = contiguousStrides(call.outShape);
  uint32_t along = 0;
  for (size_t i = 0; i < call.inputs.size(); ++i) {
    const TensorArg& x = call.inputs[i];
    CopyParams p = copyParams(call.op, x.shape);
    auto strides = contiguousStrides(x.shape);
    for (size_t d = 0; d < x.shape.size(); ++d) {
      p.src_stride[d] = static_cast<int>(strides[d]);
      p.dst_stride[d] = outStrides[d];
    }
    p.dst_offset = along * outStrides[axis];
    along += x.shape[axis];
    copy(device, x, p, out);
  }
  return out;
}

OpOutput runPad(Device& device, const OpCall& call) {
  const TensorArg& x = call.input(0, "x");
  checkRank(call.op, "x", x.shape.size(), WN_MAX_RANK);
  auto pads = call.attrs.ints(call.op, "pads");
  if (pads.size() != 2 * x.shape.size()) {
    throw OpError("[Pad] pads must hold [before, after] for each of " + std::to_string(x.shape.size()) + " axes; received " +
                  std::to_string(pads.size()) + " numbers");
  }
  const std::string& mode = call.attrs.string(call.op, "mode");
  uint32_t modeCode = mode == "constant"    ? WN_PAD_CONSTANT
                      : mode == "reflect"   ? WN_PAD_REFLECT
                      : mode == "replicate" ? WN_PAD_REPLICATE
                      : mode == "circular"  ? WN_PAD_CIRCULAR
                                            : 99;
  if (modeCode == 99) throw OpError("[Pad] mode must be constant, reflect, replicate or circular; received \"" + mode + "\"");
  PadParams p{};
  p.n = call.outSize();
  p.rank = static_cast<unsigned int>(x.shape.size());
  for (size_t d = 0; d < x.shape.size(); ++d) {
    p.out_shape[d] = call.outShape[d];
    p.in_shape[d] = x.shape[d];
    p.before[d] = static_cast<unsigned int>(pads[2 * d]);
    if (modeCode != WN_PAD_CONSTANT && x.shape[d] == 0 && call.outShape[d] > 0) {
      throw OpError("[Pad] x must be non-empty on padded axis " + std::to_string(d) + " for mode " + mode + "; received size 0");
    }
  }
  double value = call.attrs.number(call.op, "value");
  if (x.dtype == WN_F32) {
    float f = static_cast<float>(value);
    std::memcpy(&p.value_bits, &f, 4);
  } else if (x.dtype == WN_F16) {
    p.value_bits = halfBits(static_cast<float>(value));
  } else {
    // torch fills an integer tensor with the value truncated toward zero.
    p.value_bits = static_cast<uint32_t>(static_cast<int32_t>(std::trunc(value)));
  }
  auto out = call.allocateOutput(device);
  dispatchElements(device, "pad", {modeCode, x.dtype}, {KernelArg::of(x.buffer), KernelArg::of(out), KernelArg::params(p)}, p.n);
  return out;
}

}  // namespace wn
