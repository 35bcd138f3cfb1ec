// Host side of Sum and Max: splits the input's axes into kept ones (which address the output) and
// reduced ones (which each output element walks).
#include "../../kernels/params.h"
#include "ops.h"

namespace wn {

OpOutput runReduce(Device& device, const OpCall& call) {
  const TensorArg& x = call.input(0, "x");
  checkRank(call.op, "x", x.shape.size(), WN_MAX_RANK);
  std::vector<bool> reduced(x.shape.size(), false);
  for (int64_t a : call.attrs.ints(call.op, "axes")) {
    if (a < 0 || a >= static_cast<int64_t>(x.shape.size())) {
      throw OpError("[" + call.op + "] axes must be normalized axes in [0, " + std::to_string(x.shape.size()) + "); received " +
                    std::to_string(a));
    }
    reduced[a] = true;
  }
  auto strides = contiguousStrides(x.shape);
  ReduceParams p{};
  p.n = call.outSize();
  p.count = 1;
  for (size_t d = 0; d < x.shape.size(); ++d) {
    if (reduced[d]) {
      p.reduced_shape[p.reduced_rank] = x.shape[d];
      p.reduced_stride[p.reduced_rank++] = strides[d];
      p.count *= x.shape[d];
    } else {
      p.kept_shape[p.kept_rank] = x.shape[d];
      p.kept_stride[p.kept_rank++] = strides[d];
    }
  }
  auto out = call.allocateOutput(device);
  uint32_t code = call.op == "Sum" ? WN_SUM : WN_MAX;
  dispatchElements(device, "reduce", {code, x.dtype}, {KernelArg::of(x.buffer), KernelArg::of(out), KernelArg::params(p)}, p.n);
  return out;
}

}  // namespace wn
