// One op as the host code receives it: input tensors on the device, the output's shape and dtype
// (core already computed and checked them), and the op's attributes flattened to numbers and strings.
// Everything here is plain C++, the same on the Metal and the emulated device.
#ifndef WEIGHTNORM_OP_CALL_H
#define WEIGHTNORM_OP_CALL_H

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "../device.h"

namespace wn {

// Thrown for arguments the kernels cannot take; the message names the op, the argument, the
// allowed range and what was received, and the JS side turns it into a BackendError.
class OpError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct TensorArg {
  std::shared_ptr<DeviceBuffer> buffer;
  std::vector<uint32_t> shape;
  uint32_t dtype;  // WN_F32, WN_F16 or WN_I32
  uint32_t size() const;
};

class Attrs {
 public:
  std::map<std::string, std::vector<double>> numbers;
  std::map<std::string, std::string> strings;

  const std::vector<double>& list(const std::string& op, const std::string& name) const;
  std::vector<int64_t> ints(const std::string& op, const std::string& name) const;
  int64_t integer(const std::string& op, const std::string& name) const;
  // An attribute that may be null (bound as an empty list).
  std::optional<int64_t> optionalInteger(const std::string& op, const std::string& name) const;
  double number(const std::string& op, const std::string& name) const;
  const std::string& string(const std::string& op, const std::string& name) const;
};

struct OpCall {
  std::string op;
  std::vector<TensorArg> inputs;
  std::vector<uint32_t> outShape;
  uint32_t outDtype;
  Attrs attrs;

  uint32_t outSize() const;
  const TensorArg& input(size_t i, const char* name) const;
  std::shared_ptr<DeviceBuffer> allocateOutput(Device& device) const;
};

// Row-major element strides of `shape`.
std::vector<uint32_t> contiguousStrides(const std::vector<uint32_t>& shape);
uint32_t elementBytes(uint32_t dtype);
// Fails unless the rank fits the kernels' fixed-size parameter arrays.
void checkRank(const std::string& op, const char* argument, size_t rank, size_t max);

// Encodes `kernel` over n threads in groups of 256; nothing when n is 0.
void dispatchElements(Device& device, const std::string& kernel, std::vector<uint32_t> constants,
                      std::vector<KernelArg> args, uint32_t n);

std::string formatShape(const std::vector<uint32_t>& shape);

}  // namespace wn

#endif
