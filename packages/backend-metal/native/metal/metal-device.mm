// The Metal device (macOS). UNVERIFIED on the machines this package is developed on (no macOS there):
// see README.md for the commands that check it on a Mac.
//
// - kernels/*.metal are embedded at build time (build/gen/msl/msl-sources.h) and compiled at run time
//   with newLibraryWithSource, one library per file, lazily, with fast math off (the kernels' edge
//   cases — NaN propagation, Inf, signed zero — follow torch only under IEEE semantics).
// - Pipelines are cached by kernel name and function constant values (dtype, op code, mode).
// - Buffers use shared storage: the CPU reads results in place after the command buffer completes.
//   wrap() makes a buffer over page-aligned host memory without a copy (newBufferWithBytesNoCopy);
//   its deallocator drops the buffer's share of that memory.
// - One command buffer (one serial compute encoder) per evaluation: encode() appends dispatches,
//   submit() ends encoding and commits without waiting; the command buffer's completed handler
//   (on a Metal thread) releases the buffers its dispatches used and reports to the addon, which
//   settles the JS promise on the JS thread. Command buffers of one queue complete in order.
#import <Foundation/Foundation.h>
#import <Metal/Metal.h>

#include <cstring>
#include <map>
#include <set>
#include <stdexcept>

#include "../device.h"
#include "msl-sources.h"

namespace wn {
namespace {

std::string describeError(NSError* error) {
  return error ? std::string([[error localizedDescription] UTF8String]) : std::string("unknown error");
}

class MetalBuffer : public DeviceBuffer {
 public:
  MetalBuffer(id<MTLBuffer> buffer, size_t bytes, bool aliasesHost = false)
      : buffer_(buffer), bytes_(bytes), aliasesHost_(aliasesHost) {}
  void* contents() override { return [buffer_ contents]; }
  size_t bytes() const override { return bytes_; }
  bool aliasesHost() const override { return aliasesHost_; }
  id<MTLBuffer> buffer() const { return buffer_; }

 private:
  id<MTLBuffer> buffer_;
  size_t bytes_;
  bool aliasesHost_;
};

// Objective-C objects are created inside @autoreleasepool blocks (Node's thread has no pool of its
// own); errors are carried out of a block as strings and thrown after it, because a C++ exception
// unwinding through @autoreleasepool leaves the pool stack unbalanced.
class MetalDevice : public Device {
 public:
  MetalDevice() {
    std::string failure;
    @autoreleasepool {
      device_ = MTLCreateSystemDefaultDevice();
      if (!device_) failure = "MTLCreateSystemDefaultDevice found no Metal device";
      else queue_ = [device_ newCommandQueue];
      if (device_ && !queue_) failure = "the Metal device gave no command queue";
    }
    if (!failure.empty()) throw std::runtime_error(failure);
  }

  // An encoder released without endEncoding is a Metal validation error; work never committed is dropped.
  ~MetalDevice() override {
    if (encoder_) [encoder_ endEncoding];
  }

  std::shared_ptr<DeviceBuffer> allocate(size_t bytes) override {
    id<MTLBuffer> buffer = nil;
    // Metal refuses zero-length buffers; a zero-size tensor still needs a handle.
    size_t length = bytes == 0 ? 16 : bytes;
    @autoreleasepool {
      buffer = [device_ newBufferWithLength:length options:MTLResourceStorageModeShared];
    }
    if (!buffer) throw std::runtime_error("Metal could not allocate " + std::to_string(bytes) + " bytes");
    std::memset([buffer contents], 0, length);
    return std::make_shared<MetalBuffer>(buffer, bytes);
  }

  // The addon checked that memory->data() + offset is page-aligned and that the length rounded up to
  // whole pages fits the allocation, which is what newBufferWithBytesNoCopy requires.
  std::shared_ptr<DeviceBuffer> wrap(std::shared_ptr<HostMemory> memory, size_t offset, size_t bytes) override {
    id<MTLBuffer> buffer = nil;
    size_t length = roundUpToPage(bytes == 0 ? 1 : bytes);
    void* start = memory->data() + offset;
    @autoreleasepool {
      // The block keeps its own copy of the shared_ptr; Metal calls it when the buffer is freed.
      std::shared_ptr<HostMemory> share = memory;
      buffer = [device_ newBufferWithBytesNoCopy:start
                                          length:length
                                         options:MTLResourceStorageModeShared
                                     deallocator:^(void*, NSUInteger) {
                                       (void)share;
                                     }];
    }
    if (!buffer) throw std::runtime_error("Metal could not wrap " + std::to_string(bytes) + " bytes of host memory");
    return std::make_shared<MetalBuffer>(buffer, bytes, true);
  }

  void encode(Dispatch d) override {
    std::string failure;
    @autoreleasepool {
      id<MTLComputePipelineState> pipeline = pipelineFor(d.kernel, d.constants, failure);
      if (pipeline && (d.threadsPerGroup == 0 || d.threadsPerGroup > [pipeline maxTotalThreadsPerThreadgroup])) {
        failure = "kernel " + d.kernel + " takes at most " + std::to_string([pipeline maxTotalThreadsPerThreadgroup]) +
                  " threads per threadgroup on this device; received " + std::to_string(d.threadsPerGroup);
      }
      if (failure.empty()) {
        if (!commandBuffer_) {
          commandBuffer_ = [queue_ commandBuffer];
          encoder_ = [commandBuffer_ computeCommandEncoder];
        }
        [encoder_ setComputePipelineState:pipeline];
        for (NSUInteger i = 0; i < d.args.size(); ++i) {
          KernelArg& arg = d.args[i];
          if (arg.buffer) {
            [encoder_ setBuffer:static_cast<MetalBuffer*>(arg.buffer.get())->buffer() offset:0 atIndex:i];
            retained_.push_back(arg.buffer);
          } else {
            [encoder_ setBytes:arg.bytes.data() length:arg.bytes.size() atIndex:i];
          }
        }
        kernels_.insert(d.kernel);
        [encoder_ dispatchThreadgroups:MTLSizeMake(d.groups, 1, 1) threadsPerThreadgroup:MTLSizeMake(d.threadsPerGroup, 1, 1)];
      }
    }
    if (!failure.empty()) throw std::runtime_error(failure);
  }

  void submit(CompletionHandler done) override {
    std::string failure;
    @autoreleasepool {
      // An empty submission still goes through the queue: its completion then means every earlier
      // command buffer completed too.
      id<MTLCommandBuffer> commandBuffer = commandBuffer_ ? commandBuffer_ : [queue_ commandBuffer];
      if (!commandBuffer) {
        failure = "the Metal queue gave no command buffer";
      } else {
        if (encoder_) [encoder_ endEncoding];
        // Metal does not say which dispatch faulted; the error names every kernel of the buffer.
        std::string kernels;
        for (const std::string& k : kernels_) kernels += (kernels.empty() ? "" : ", ") + k;
        auto retained = std::make_shared<std::vector<std::shared_ptr<DeviceBuffer>>>(std::move(retained_));
        CompletionHandler handler = std::move(done);
        [commandBuffer addCompletedHandler:^(id<MTLCommandBuffer> finished) {
          Completion result;
          NSError* error = [finished error];
          if (error) {
            result.error = "Metal command buffer failed in " + kernels + ": " + describeError(error);
            result.kernel = kernels;
          }
          retained->clear();
          handler(std::move(result));
        }];
        [commandBuffer commit];
      }
      commandBuffer_ = nil;
      encoder_ = nil;
      retained_.clear();
      kernels_.clear();
    }
    if (!failure.empty()) throw std::runtime_error(failure);
  }

  bool hasPendingWork() const override { return commandBuffer_ != nil; }

  std::string describe() const override {
    std::string name;
    @autoreleasepool {
      name = [[device_ name] UTF8String];
    }
    return "metal: " + name + " (MSL compiled at run time, shared buffers, asynchronous commit)";
  }

  std::string kind() const override { return "metal"; }

 private:
  // The library of one kernel file, compiled on first use; nil with `failure` set when it does not compile.
  id<MTLLibrary> libraryFor(int source, std::string& failure) {
    auto it = libraries_.find(source);
    if (it != libraries_.end()) return it->second;
    MTLCompileOptions* options = [MTLCompileOptions new];
    // fastMathEnabled is deprecated from macOS 15 in favour of mathMode, which older SDKs lack; the
    // old switch still works and builds with every SDK.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
    options.fastMathEnabled = NO;
#pragma clang diagnostic pop
    NSError* error = nil;
    NSString* text = [NSString stringWithUTF8String:kMslSources[source].text];
    id<MTLLibrary> library = [device_ newLibraryWithSource:text options:options error:&error];
    if (!library) {
      failure = std::string("Metal could not compile ") + kMslSources[source].file + ": " + describeError(error);
      return nil;
    }
    libraries_[source] = library;
    return library;
  }

  // The pipeline of `kernel` specialized with `constants` (all uint), from the cache when built before.
  id<MTLComputePipelineState> pipelineFor(const std::string& kernel, const std::vector<uint32_t>& constants,
                                          std::string& failure) {
    std::string key = kernel;
    for (uint32_t c : constants) key += ":" + std::to_string(c);
    auto it = pipelines_.find(key);
    if (it != pipelines_.end()) return it->second;
    int source = -1;
    for (const MslKernel& k : kMslKernels) {
      if (kernel == k.name) source = k.source;
    }
    if (source < 0) {
      failure = "no MSL kernel named " + kernel;
      return nil;
    }
    id<MTLLibrary> library = libraryFor(source, failure);
    if (!library) return nil;
    MTLFunctionConstantValues* values = [MTLFunctionConstantValues new];
    for (NSUInteger i = 0; i < constants.size(); ++i) {
      uint32_t v = constants[i];
      [values setConstantValue:&v type:MTLDataTypeUInt atIndex:i];
    }
    NSError* error = nil;
    id<MTLFunction> function = [library newFunctionWithName:[NSString stringWithUTF8String:kernel.c_str()]
                                              constantValues:values
                                                       error:&error];
    if (!function) {
      failure = "Metal could not specialize " + kernel + ": " + describeError(error);
      return nil;
    }
    id<MTLComputePipelineState> pipeline = [device_ newComputePipelineStateWithFunction:function error:&error];
    if (!pipeline) {
      failure = "Metal could not build the pipeline for " + kernel + ": " + describeError(error);
      return nil;
    }
    pipelines_[key] = pipeline;
    return pipeline;
  }

  id<MTLDevice> device_ = nil;
  id<MTLCommandQueue> queue_ = nil;
  id<MTLCommandBuffer> commandBuffer_ = nil;
  id<MTLComputeCommandEncoder> encoder_ = nil;
  std::vector<std::shared_ptr<DeviceBuffer>> retained_;
  std::set<std::string> kernels_;  // the kernels encoded into commandBuffer_
  std::map<int, id<MTLLibrary>> libraries_;
  std::map<std::string, id<MTLComputePipelineState>> pipelines_;
};

}  // namespace

std::unique_ptr<Device> createDevice() { return std::make_unique<MetalDevice>(); }

}  // namespace wn
