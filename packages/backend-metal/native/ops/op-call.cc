#include "op-call.h"

#include <cmath>

#include "../../kernels/params.h"

namespace wn {

uint32_t TensorArg::size() const {
  uint64_t n = 1;
  for (uint32_t d : shape) n *= d;
  return static_cast<uint32_t>(n);
}

const std::vector<double>& Attrs::list(const std::string& op, const std::string& name) const {
  auto it = numbers.find(name);
  if (it == numbers.end()) throw OpError("[" + op + "] attribute " + name + " must be given; received nothing");
  return it->second;
}

std::vector<int64_t> Attrs::ints(const std::string& op, const std::string& name) const {
  std::vector<int64_t> out;
  for (double v : list(op, name)) {
    if (!(std::isfinite(v) && std::floor(v) == v)) {
      throw OpError("[" + op + "] attribute " + name + " must hold integers; received " + std::to_string(v));
    }
    out.push_back(static_cast<int64_t>(v));
  }
  return out;
}

int64_t Attrs::integer(const std::string& op, const std::string& name) const {
  auto v = optionalInteger(op, name);
  if (!v) throw OpError("[" + op + "] attribute " + name + " must be an integer; received null");
  return *v;
}

std::optional<int64_t> Attrs::optionalInteger(const std::string& op, const std::string& name) const {
  auto v = ints(op, name);
  if (v.empty()) return std::nullopt;
  if (v.size() != 1) throw OpError("[" + op + "] attribute " + name + " must be one integer; received a list of " + std::to_string(v.size()));
  return v[0];
}

double Attrs::number(const std::string& op, const std::string& name) const {
  const auto& v = list(op, name);
  if (v.size() != 1) throw OpError("[" + op + "] attribute " + name + " must be one number; received a list of " + std::to_string(v.size()));
  return v[0];
}

const std::string& Attrs::string(const std::string& op, const std::string& name) const {
  auto it = strings.find(name);
  if (it == strings.end()) throw OpError("[" + op + "] attribute " + name + " must be a string; received nothing");
  return it->second;
}

uint32_t OpCall::outSize() const {
  uint64_t n = 1;
  for (uint32_t d : outShape) n *= d;
  return static_cast<uint32_t>(n);
}

const TensorArg& OpCall::input(size_t i, const char* name) const {
  if (i >= inputs.size()) {
    throw OpError("[" + op + "] input " + name + " must be given; received " + std::to_string(inputs.size()) + " inputs");
  }
  return inputs[i];
}

std::shared_ptr<DeviceBuffer> OpCall::allocateOutput(Device& device) const {
  return device.allocate(static_cast<size_t>(outSize()) * elementBytes(outDtype));
}

std::vector<uint32_t> contiguousStrides(const std::vector<uint32_t>& shape) {
  std::vector<uint32_t> strides(shape.size());
  uint32_t s = 1;
  for (size_t i = shape.size(); i > 0; --i) {
    strides[i - 1] = s;
    s *= shape[i - 1];
  }
  return strides;
}

uint32_t elementBytes(uint32_t dtype) { return dtype == WN_F16 ? 2 : 4; }

void checkRank(const std::string& op, const char* argument, size_t rank, size_t max) {
  if (rank > max) {
    throw OpError("[" + op + "] " + argument + " must have rank at most " + std::to_string(max) + "; received rank " +
                  std::to_string(rank));
  }
}

void dispatchElements(Device& device, const std::string& kernel, std::vector<uint32_t> constants,
                      std::vector<KernelArg> args, uint32_t n) {
  if (n == 0) return;
  Dispatch d;
  d.kernel = kernel;
  d.constants = std::move(constants);
  d.args = std::move(args);
  d.threadsPerGroup = 256;
  d.groups = (n + 255) / 256;
  device.encode(std::move(d));
}

std::string formatShape(const std::vector<uint32_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

}  // namespace wn
