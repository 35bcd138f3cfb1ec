// The ops the addon runs natively, each a function from an OpCall to its output buffer.
#ifndef WEIGHTNORM_OPS_H
#define WEIGHTNORM_OPS_H

#include "op-call.h"

namespace wn {

using OpOutput = std::shared_ptr<DeviceBuffer>;

OpOutput runUnary(Device& device, const OpCall& call);
OpOutput runBinary(Device& device, const OpCall& call);
OpOutput runWhere(Device& device, const OpCall& call);
OpOutput runCast(Device& device, const OpCall& call);
OpOutput runReduce(Device& device, const OpCall& call);
OpOutput runPermute(Device& device, const OpCall& call);
OpOutput runExpand(Device& device, const OpCall& call);
OpOutput runSlice(Device& device, const OpCall& call);
OpOutput runConcat(Device& device, const OpCall& call);
OpOutput runPad(Device& device, const OpCall& call);
OpOutput runMatMul(Device& device, const OpCall& call);
OpOutput runConv(Device& device, const OpCall& call);
OpOutput runConvTranspose(Device& device, const OpCall& call);
OpOutput runWeightNorm(Device& device, const OpCall& call);
OpOutput runWeightNormGradG(Device& device, const OpCall& call);
OpOutput runWeightNormGradV(Device& device, const OpCall& call);

// Runs call.op; throws OpError for an op this addon has no kernel for.
OpOutput runOp(Device& device, const OpCall& call);
// Names of the ops runOp accepts, in core's spelling (ops.ts).
std::vector<std::string> nativeOps();

}  // namespace wn

#endif
