// The emulated device: kernels/*.metal compiled as C++ (see msl-shim.h), run on the CPU with the same
// command-buffer discipline as the Metal device: dispatches are recorded and run only on submit, so
// a missing flush shows up here exactly as it would on a GPU. Submitted command buffers run in order
// on the device's own worker thread (its "GPU"), so the JS thread keeps running meanwhile, and their
// completion is reported from that thread, as Metal reports it from its completion handler.
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "../device.h"
#include "emulator-runtime.h"
#include "threadgroup-runner.h"

namespace wn {
namespace {

// Function constants and threadgroup arrays are globals of the kernel units, so two devices (each
// with its own worker thread) must not run dispatches at the same time. Fibers are per OS thread.
std::mutex& runLock() {
  static std::mutex lock;
  return lock;
}

class EmulatedBuffer : public DeviceBuffer {
 public:
  explicit EmulatedBuffer(size_t bytes) : bytes_(bytes) {
    // 16-byte aligned like a Metal buffer, never zero-sized.
    size_t rounded = ((bytes == 0 ? 1 : bytes) + 15) / 16 * 16;
    data_ = static_cast<uint8_t*>(std::aligned_alloc(16, rounded));
    if (!data_) throw std::runtime_error("emulated device: out of memory allocating " + std::to_string(bytes) + " bytes");
    std::memset(data_, 0, rounded);
  }
  ~EmulatedBuffer() override { std::free(data_); }
  void* contents() override { return data_; }
  size_t bytes() const override { return bytes_; }

 private:
  uint8_t* data_;
  size_t bytes_;
};

// A zero-copy upload: the kernels read the very bytes JS holds (what newBufferWithBytesNoCopy gives
// on Metal).
class AliasBuffer : public DeviceBuffer {
 public:
  AliasBuffer(std::shared_ptr<HostMemory> memory, size_t offset, size_t bytes)
      : memory_(std::move(memory)), offset_(offset), bytes_(bytes) {}
  void* contents() override { return memory_->data() + offset_; }
  size_t bytes() const override { return bytes_; }
  bool aliasesHost() const override { return true; }

 private:
  std::shared_ptr<HostMemory> memory_;
  size_t offset_;
  size_t bytes_;
};

// One submitted command buffer: its dispatches (which hold their buffers) and who to tell.
struct CommandList {
  std::vector<Dispatch> dispatches;
  CompletionHandler done;
};

class EmulatedDevice : public Device {
 public:
  EmulatedDevice() : worker_([this] { work(); }) {}

  // Finishes what was submitted (its handlers still run), then stops the worker.
  ~EmulatedDevice() override {
    {
      std::lock_guard<std::mutex> hold(queueLock_);
      stopping_ = true;
    }
    queueReady_.notify_one();
    worker_.join();
  }

  std::shared_ptr<DeviceBuffer> allocate(size_t bytes) override { return std::make_shared<EmulatedBuffer>(bytes); }

  std::shared_ptr<DeviceBuffer> wrap(std::shared_ptr<HostMemory> memory, size_t offset, size_t bytes) override {
    return std::make_shared<AliasBuffer>(std::move(memory), offset, bytes);
  }

  void encode(Dispatch dispatch) override {
    const wn_emu::KernelEntry* kernel = wn_emu::findKernel(dispatch.kernel);
    if (!kernel) throw std::runtime_error("emulated device: no kernel named " + dispatch.kernel);
    if (dispatch.args.size() < kernel->buffers) {
      throw std::runtime_error("emulated device: kernel " + dispatch.kernel + " binds " + std::to_string(kernel->buffers) +
                               " buffers; received " + std::to_string(dispatch.args.size()));
    }
    if (dispatch.constants.size() < kernel->constants) {
      throw std::runtime_error("emulated device: kernel " + dispatch.kernel + " has " + std::to_string(kernel->constants) +
                               " function constants; received " + std::to_string(dispatch.constants.size()));
    }
    if (dispatch.threadsPerGroup == 0 || dispatch.threadsPerGroup > 1024) {
      throw std::runtime_error("emulated device: threads per threadgroup must be in [1, 1024]; received " +
                               std::to_string(dispatch.threadsPerGroup));
    }
    pending_.push_back(std::move(dispatch));
  }

  void submit(CompletionHandler done) override {
    CommandList list{std::move(pending_), std::move(done)};
    pending_.clear();
    {
      std::lock_guard<std::mutex> hold(queueLock_);
      queue_.push_back(std::move(list));
    }
    queueReady_.notify_one();
  }

  bool hasPendingWork() const override { return !pending_.empty(); }
  std::string describe() const override {
    return "metal-emulated: kernels/*.metal compiled as C++ by g++, threadgroups on fibers with real barriers (1 worker thread)";
  }
  std::string kind() const override { return "emulated"; }

 private:
  // The worker: runs command lists in submission order. A failed dispatch ends its command list (the
  // rest is skipped, as Metal abandons a faulted command buffer) and names the kernel.
  void work() {
    for (;;) {
      CommandList list;
      {
        std::unique_lock<std::mutex> hold(queueLock_);
        queueReady_.wait(hold, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        list = std::move(queue_.front());
        queue_.pop_front();
      }
      Completion result;
      {
        std::lock_guard<std::mutex> hold(runLock());
        for (Dispatch& d : list.dispatches) {
          try {
            run(d);
          } catch (const std::exception& e) {
            result.error = e.what();
            result.kernel = d.kernel;
            break;
          }
        }
      }
      // The buffers this command list used are released here, before the handler reports completion.
      list.dispatches.clear();
      list.done(std::move(result));
    }
  }

  static void run(Dispatch& d) {
    const wn_emu::KernelEntry& kernel = *wn_emu::findKernel(d.kernel);
    std::vector<void*> pointers;
    for (KernelArg& arg : d.args) pointers.push_back(arg.buffer ? arg.buffer->contents() : arg.bytes.data());
    kernel.setConstants(d.constants.data());
    wn_emu::Invocation group{};
    group.buffers = pointers.data();
    group.threads_per_threadgroup = d.threadsPerGroup;
    group.threadgroups_per_grid = d.groups;
    group.threads_per_grid = d.groups * d.threadsPerGroup;
    for (uint32_t g = 0; g < d.groups; ++g) {
      group.threadgroup_position_in_grid = g;
      std::string error = wn_emu::runThreadgroup(kernel, group);
      if (!error.empty()) throw std::runtime_error("emulated device: " + error);
    }
  }

  std::vector<Dispatch> pending_;  // touched by the JS thread only
  std::mutex queueLock_;
  std::condition_variable queueReady_;
  std::deque<CommandList> queue_;
  bool stopping_ = false;
  std::thread worker_;  // last: started after every member it uses exists
};

}  // namespace

std::unique_ptr<Device> createDevice() { return std::make_unique<EmulatedDevice>(); }

}  // namespace wn
