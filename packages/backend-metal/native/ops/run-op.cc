#include <map>

#include "ops.h"

namespace wn {
namespace {

using Runner = OpOutput (*)(Device&, const OpCall&);

const std::map<std::string, Runner>& runners() {
  static const std::map<std::string, Runner> table = [] {
    std::map<std::string, Runner> t;
    for (const char* op : {"Neg", "Abs", "Sign", "Sqrt", "Exp", "Log", "Sin", "Cos", "Tanh", "Sigmoid", "Erf"}) t[op] = runUnary;
    for (const char* op : {"Add", "Sub", "Mul", "Div", "Pow", "Maximum", "Minimum", "Greater", "Less", "Equal"}) t[op] = runBinary;
    t["Sum"] = runReduce;
    t["Max"] = runReduce;
    t["Where"] = runWhere;
    t["Cast"] = runCast;
    t["Permute"] = runPermute;
    t["Expand"] = runExpand;
    t["Slice"] = runSlice;
    t["Pad"] = runPad;
    t["Concat"] = runConcat;
    t["MatMul"] = runMatMul;
    t["Conv"] = runConv;
    t["ConvTranspose"] = runConvTranspose;
    t["WeightNorm"] = runWeightNorm;
    t["WeightNormGradG"] = runWeightNormGradG;
    t["WeightNormGradV"] = runWeightNormGradV;
    return t;
  }();
  return table;
}

}  // namespace

OpOutput runOp(Device& device, const OpCall& call) {
  auto it = runners().find(call.op);
  if (it == runners().end()) throw OpError("[" + call.op + "] op must be one this addon runs natively; received " + call.op);
  for (const TensorArg& t : call.inputs) checkRank(call.op, "every input", t.shape.size(), 8);
  return it->second(device, call);
}

std::vector<std::string> nativeOps() {
  std::vector<std::string> names;
  for (const auto& [name, runner] : runners()) names.push_back(name);
  return names;
}

}  // namespace wn
