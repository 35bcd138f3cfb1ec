#include "../../kernels/params.h"
#include "ops.h"

namespace wn {

// a [B, M, K] · b [B, K, N]; a batch of 1 is read for every output batch.
OpOutput runMatMul(Device& device, const OpCall& call) {
  const TensorArg& a = call.input(0, "a");
  const TensorArg& b = call.input(1, "b");
  if (a.shape.size() != 3 || b.shape.size() != 3 || a.shape[2] != b.shape[1] || a.dtype != b.dtype) {
    throw OpError("[MatMul] a and b must be [B, M, K] and [B, K, N] of one dtype; received " + formatShape(a.shape) + " and " +
                  formatShape(b.shape));
  }
  MatMulParams p{};
  p.batch = call.outShape[0];
  p.m = a.shape[1];
  p.k = a.shape[2];
  p.n = b.shape[2];
  p.a_batch_stride = a.shape[0] == 1 ? 0 : p.m * p.k;
  p.b_batch_stride = b.shape[0] == 1 ? 0 : p.k * p.n;
  auto out = call.allocateOutput(device);
  dispatchElements(device, "matmul", {a.dtype},
                   {KernelArg::of(a.buffer), KernelArg::of(b.buffer), KernelArg::of(out), KernelArg::params(p)}, call.outSize());
  return out;
}

}  // namespace wn
