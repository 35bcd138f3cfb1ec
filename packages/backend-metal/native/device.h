// The small device interface the host op code (native/ops) dispatches through. Two implementations:
// the Metal device (native/metal, macOS) and the emulated one (native/emulated, elsewhere), which
// runs the same kernels/*.metal compiled as C++. Only one is compiled into a given addon.
#ifndef WEIGHTNORM_DEVICE_H
#define WEIGHTNORM_DEVICE_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "host-memory.h"

namespace wn {

// Device memory the CPU can also address (Metal shared storage; plain memory when emulated).
class DeviceBuffer {
 public:
  virtual ~DeviceBuffer() = default;
  virtual void* contents() = 0;
  virtual size_t bytes() const = 0;
  // True when the buffer wraps host memory JS also holds (a zero-copy upload): the JS side can then
  // change it, so it must never be handed out again as a read view (see addon.cc).
  virtual bool aliasesHost() const { return false; }
};

// One kernel argument slot: a buffer, or small bytes copied at encode time (Metal's setBytes).
struct KernelArg {
  std::shared_ptr<DeviceBuffer> buffer;
  std::vector<uint8_t> bytes;

  static KernelArg of(std::shared_ptr<DeviceBuffer> b) { return KernelArg{std::move(b), {}}; }
  template <class T>
  static KernelArg params(const T& value) {
    const auto* p = reinterpret_cast<const uint8_t*>(&value);
    return KernelArg{nullptr, std::vector<uint8_t>(p, p + sizeof(T))};
  }
};

// A 1-d dispatch of `groups` threadgroups of `threadsPerGroup` threads. Argument i binds
// [[buffer(i)]]; constants[i] is [[function_constant(i)]] (every function constant is a uint).
// Kernels declare their threadgroup arrays in their bodies, so a dispatch carries no lengths for them.
struct Dispatch {
  std::string kernel;
  std::vector<uint32_t> constants;
  std::vector<KernelArg> args;
  uint32_t groups = 0;
  uint32_t threadsPerGroup = 0;
};

// How a submitted command buffer ended: `error` is empty on success; otherwise `kernel` names the
// dispatch that failed (the emulated device knows it; Metal reports the command buffer's kernels).
struct Completion {
  std::string error;
  std::string kernel;
};
using CompletionHandler = std::function<void(Completion)>;

class Device {
 public:
  virtual ~Device() = default;
  // Zero-filled, at least `bytes` long (a zero-size tensor still gets a valid buffer).
  virtual std::shared_ptr<DeviceBuffer> allocate(size_t bytes) = 0;
  // A buffer over `bytes` bytes of `memory` starting at `offset`, without a copy. The caller (the
  // addon, the same for both devices) has checked that offset is page-aligned and that the range,
  // rounded up to whole pages, lies inside the allocation. The buffer keeps `memory` alive.
  virtual std::shared_ptr<DeviceBuffer> wrap(std::shared_ptr<HostMemory> memory, size_t offset, size_t bytes) = 0;
  // Records a dispatch into the current command buffer; nothing runs until submit().
  virtual void encode(Dispatch dispatch) = 0;
  // Ends this evaluation's command buffer (possibly empty) and submits it without waiting. `done`
  // runs exactly once, on a thread of the device's own (never the JS thread), after this command
  // buffer and every one submitted before it have finished: submissions complete in order, like a
  // Metal command queue. Buffers the command buffer uses stay alive until then.
  virtual void submit(CompletionHandler done) = 0;
  virtual bool hasPendingWork() const = 0;
  virtual std::string describe() const = 0;
  // "metal" or "emulated".
  virtual std::string kind() const = 0;
};

// Implemented by whichever device this addon was built with; throws std::runtime_error with the
// reason when no device can start (no Metal device on this Mac).
std::unique_ptr<Device> createDevice();

}  // namespace wn

#endif
