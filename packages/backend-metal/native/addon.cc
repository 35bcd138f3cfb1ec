// The JS boundary of the addon: checks every argument's type before it reaches the device, converts
// JS values to OpCalls, and keeps device buffers alive exactly as long as a JS handle, a pending
// command buffer or a read view holds them (shared_ptr). Identical for both devices, including the
// zero-copy rules (which memory upload() wraps, when a read may hand out a view) and the asynchronous
// wait for submitted work.
#include <napi.h>

#include <algorithm>
#include <functional>

#include "../kernels/params.h"
#include "device.h"
#include "host-memory.h"
#include "ops/ops.h"

namespace wn {
namespace {

[[noreturn]] void fail(Napi::Env env, const std::string& message) {
  throw Napi::TypeError::New(env, message);
}

uint32_t toUint(const Napi::Value& v, const std::string& what) {
  if (!v.IsNumber()) fail(v.Env(), what + " must be a non-negative integer; received a " + std::string(v.IsString() ? "string" : "non-number"));
  double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 4294967295.0 && static_cast<double>(static_cast<uint32_t>(d)) == d)) {
    fail(v.Env(), what + " must be an integer in [0, 2^32); received " + std::to_string(d));
  }
  return static_cast<uint32_t>(d);
}

std::vector<uint32_t> toShape(const Napi::Value& v, const std::string& what) {
  if (!v.IsArray()) fail(v.Env(), what + " must be an array of sizes");
  auto a = v.As<Napi::Array>();
  std::vector<uint32_t> shape;
  uint64_t n = 1;
  for (uint32_t i = 0; i < a.Length(); ++i) {
    shape.push_back(toUint(a.Get(i), what + "[" + std::to_string(i) + "]"));
    n *= shape.back();
  }
  // Kernels index with 32-bit integers.
  if (n > 0xffffffffull) fail(v.Env(), what + " must have fewer than 2^32 elements");
  return shape;
}

uint32_t toDtype(const Napi::Value& v, const std::string& what) {
  uint32_t code = toUint(v, what);
  if (code > WN_I32) fail(v.Env(), what + " must be a dtype code in [0, 2]; received " + std::to_string(code));
  return code;
}

class BufferHandle : public Napi::ObjectWrap<BufferHandle> {
 public:
  // Kept per environment (instance data), so the addon also loads in worker threads.
  static Napi::Function Constructor(Napi::Env env) { return env.GetInstanceData<Napi::FunctionReference>()->Value(); }

  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "DeviceBuffer", {InstanceAccessor<&BufferHandle::ByteLength>("byteLength")});
  }

  explicit BufferHandle(const Napi::CallbackInfo& info) : Napi::ObjectWrap<BufferHandle>(info) {}

  static Napi::Object Wrap(Napi::Env env, std::shared_ptr<DeviceBuffer> buffer) {
    Napi::Object obj = Constructor(env).New({});
    Unwrap(obj)->buffer_ = std::move(buffer);
    return obj;
  }

  static std::shared_ptr<DeviceBuffer> From(const Napi::Value& v, const std::string& what) {
    if (!v.IsObject() || !v.As<Napi::Object>().InstanceOf(Constructor(v.Env()))) fail(v.Env(), what + " must be a device buffer handle");
    auto& buffer = Unwrap(v.As<Napi::Object>())->buffer_;
    if (!buffer) fail(v.Env(), what + " must be a live buffer; received one already released");
    return buffer;
  }

  static void Release(const Napi::Value& v) {
    From(v, "buffer");
    Unwrap(v.As<Napi::Object>())->buffer_.reset();
  }

  // Releases the handle and returns its buffer: nothing can reach the buffer through JS afterwards.
  static std::shared_ptr<DeviceBuffer> Take(const Napi::Value& v, const std::string& what) {
    auto buffer = From(v, what);
    Unwrap(v.As<Napi::Object>())->buffer_.reset();
    return buffer;
  }

 private:
  Napi::Value ByteLength(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), buffer_ ? static_cast<double>(buffer_->bytes()) : 0);
  }
  std::shared_ptr<DeviceBuffer> buffer_;
};

// allocateHost(byteLength) → ArrayBuffer: zero-filled, page-aligned memory that upload() wraps
// without a copy. An external ArrayBuffer whose finalizer drops JS's share of the allocation; device
// buffers wrapping it hold their own share, so collecting the ArrayBuffer while a tensor still uses
// the memory frees nothing.
Napi::Value AllocateHost(const Napi::CallbackInfo& info) {
  uint32_t bytes = toUint(info[0], "allocateHost: byteLength");
  std::shared_ptr<HostMemory> memory;
  try {
    memory = HostMemory::allocate(bytes);
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(info.Env(), "allocateHost: out of memory allocating " + std::to_string(bytes) + " bytes");
  }
  auto* share = new std::shared_ptr<HostMemory>(memory);
  return Napi::ArrayBuffer::New(
      info.Env(), memory->data(), bytes, [](Napi::Env, void*, std::shared_ptr<HostMemory>* s) { delete s; }, share);
}

// What to do on the JS thread once a device is idle: returns the value the promise resolves to, or
// throws a Napi::Error to reject it.
using Settle = std::function<Napi::Value(Napi::Env)>;

// One wait in flight: carried from submit() to the device's completion thread and back to the JS
// thread through a thread-safe function. `self` keeps the device handle (and so the device and its
// worker) alive until the promise settles.
struct Wait {
  Napi::Promise::Deferred deferred;
  Settle settle;
  Napi::ObjectReference self;
  int* inFlight;
  Completion result;
};

// Runs on the JS thread when a submission finished (env is null if Node is tearing down).
void settled(Napi::Env env, Napi::Function, std::nullptr_t*, Wait* wait) {
  std::unique_ptr<Wait> owned(wait);
  if (env == nullptr) {
    owned->self.SuppressDestruct();
    return;
  }
  Napi::HandleScope scope(env);
  --*owned->inFlight;
  try {
    if (!owned->result.error.empty()) {
      // The kernel is a property too, so JS can build a BackendError naming it without parsing.
      Napi::Error error = Napi::Error::New(env, owned->result.error);
      error.Set("kernel", Napi::String::New(env, owned->result.kernel));
      owned->deferred.Reject(error.Value());
    } else {
      owned->deferred.Resolve(owned->settle(env));
    }
  } catch (const Napi::Error& e) {
    owned->deferred.Reject(e.Value());
  } catch (const std::exception& e) {
    owned->deferred.Reject(Napi::Error::New(env, e.what()).Value());
  }
}

using WaitFunction = Napi::TypedThreadSafeFunction<std::nullptr_t, Wait, &settled>;

class DeviceHandle : public Napi::ObjectWrap<DeviceHandle> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Device",
                       {InstanceMethod<&DeviceHandle::Upload>("upload"), InstanceMethod<&DeviceHandle::Read>("read"),
                        InstanceMethod<&DeviceHandle::ReadView>("readView"), InstanceMethod<&DeviceHandle::Release>("release"),
                        InstanceMethod<&DeviceHandle::Run>("run"), InstanceMethod<&DeviceHandle::Dispatch>("dispatch"),
                        InstanceMethod<&DeviceHandle::Commit>("commit"), InstanceMethod<&DeviceHandle::Stats>("stats"),
                        InstanceMethod<&DeviceHandle::Describe>("describe")});
  }

  explicit DeviceHandle(const Napi::CallbackInfo& info) : Napi::ObjectWrap<DeviceHandle>(info) {
    try {
      device_ = createDevice();
    } catch (const std::exception& e) {
      throw Napi::Error::New(info.Env(), e.what());
    }
  }

 private:
  // A promise settled by `settle` once everything encoded so far has run: at once when nothing is
  // pending or in flight, else after submitting the pending command buffer (possibly empty), whose
  // completion implies every earlier one's. The JS thread never blocks on the device.
  Napi::Value WhenIdle(Napi::Env env, Settle settle) {
    auto deferred = Napi::Promise::Deferred::New(env);
    if (!device_->hasPendingWork() && inFlight_ == 0) {
      try {
        deferred.Resolve(settle(env));
      } catch (const Napi::Error& e) {
        deferred.Reject(e.Value());
      }
      return deferred.Promise();
    }
    auto* wait = new Wait{deferred, std::move(settle), Napi::Persistent(Value()), &inFlight_, {}};
    WaitFunction tsfn = WaitFunction::New(env, "weightnorm-metal-commit", 0, 1);
    inFlight_++;
    try {
      device_->submit([tsfn, wait](Completion result) mutable {
        wait->result = std::move(result);
        tsfn.BlockingCall(wait);
        tsfn.Release();
      });
    } catch (const std::exception& e) {
      inFlight_--;
      tsfn.Release();
      delete wait;
      deferred.Reject(Napi::Error::New(env, e.what()).Value());
    }
    return deferred.Promise();
  }

  // upload(data: TypedArray) → buffer. Zero-copy when `data` lies in memory from allocateHost at a
  // page-aligned offset (the range rounded up to whole pages fits the allocation: what
  // newBufferWithBytesNoCopy needs); otherwise one copy into a new device buffer. The same rule on
  // both devices, so the emulated one exercises the path the Mac takes.
  Napi::Value Upload(const Napi::CallbackInfo& info) {
    if (!info[0].IsTypedArray()) fail(info.Env(), "upload: data must be a typed array");
    auto data = info[0].As<Napi::TypedArray>();
    size_t bytes = data.ByteLength();
    size_t offset = data.ByteOffset();
    Napi::ArrayBuffer host = data.ArrayBuffer();
    std::shared_ptr<HostMemory> memory = HostMemory::find(host.Data());
    std::shared_ptr<DeviceBuffer> buffer;
    Guard(info.Env(), [&] {
      if (memory && host.ByteLength() == memory->bytes() && offset % pageSize() == 0 &&
          offset + roundUpToPage(std::max<size_t>(bytes, 1)) <= memory->capacity()) {
        buffer = device_->wrap(memory, offset, bytes);
        uploadWraps_++;
      } else {
        buffer = device_->allocate(bytes);
        const uint8_t* src = static_cast<const uint8_t*>(host.Data()) + offset;
        std::copy(src, src + bytes, static_cast<uint8_t*>(buffer->contents()));
        uploadCopies_++;
      }
    });
    return BufferHandle::Wrap(info.Env(), std::move(buffer));
  }

  uint32_t ReadLength(const Napi::CallbackInfo& info, const std::string& op, const DeviceBuffer& buffer) {
    uint32_t bytes = toUint(info[1], op + ": byteLength");
    if (bytes > buffer.bytes()) {
      fail(info.Env(), op + ": byteLength must be at most the buffer's " + std::to_string(buffer.bytes()) + " bytes; received " +
                           std::to_string(bytes));
    }
    return bytes;
  }

  // read(buffer, byteLength) → Promise<ArrayBuffer>: a fresh copy the caller owns, taken once all
  // work encoded so far has finished (so never a buffer the command buffer has not written yet). A
  // copy because the buffer stays the tensor's storage: a view would let the caller's writes change
  // the tensor, and the tensor's later use keep the caller's array in sync with it.
  Napi::Value Read(const Napi::CallbackInfo& info) {
    auto buffer = BufferHandle::From(info[0], "read: buffer");
    uint32_t bytes = ReadLength(info, "read", *buffer);
    return WhenIdle(info.Env(), [this, buffer, bytes](Napi::Env env) -> Napi::Value { return CopyOut(env, *buffer, bytes); });
  }

  // readView(buffer, byteLength) → Promise<ArrayBuffer>: consumes the handle (released at once, so
  // no later kernel can read or write the buffer through JS) and resolves, once the work encoded so
  // far has finished, to the buffer's own memory as an external ArrayBuffer. Safe because:
  // - nothing writes the memory again: kernels write only the output buffer they allocated, once,
  //   and that dispatch has finished; the handle is gone, so the buffer is no one's input or output;
  // - the view pins the buffer (its finalizer holds the last share), so the memory cannot be freed
  //   or handed to a later allocation while JS can still see it.
  // It copies instead when the buffer wraps JS memory (a zero-copy upload): a view would alias the
  // caller's source array, so writing one would change the other.
  Napi::Value ReadView(const Napi::CallbackInfo& info) {
    auto buffer = BufferHandle::From(info[0], "readView: buffer");
    uint32_t bytes = ReadLength(info, "readView", *buffer);
    BufferHandle::Take(info[0], "readView: buffer");
    return WhenIdle(info.Env(), [this, buffer, bytes](Napi::Env env) -> Napi::Value {
      if (buffer->aliasesHost()) return CopyOut(env, *buffer, bytes);
      readViews_++;
      auto* pin = new std::shared_ptr<DeviceBuffer>(buffer);
      return Napi::ArrayBuffer::New(
          env, buffer->contents(), bytes, [](Napi::Env, void*, std::shared_ptr<DeviceBuffer>* p) { delete p; }, pin);
    });
  }

  Napi::Value CopyOut(Napi::Env env, DeviceBuffer& buffer, uint32_t bytes) {
    auto out = Napi::ArrayBuffer::New(env, bytes);
    const uint8_t* src = static_cast<const uint8_t*>(buffer.contents());
    std::copy(src, src + bytes, static_cast<uint8_t*>(out.Data()));
    readCopies_++;
    return out;
  }

  // stats() → how many uploads were wrapped or copied and reads viewed or copied, so tests can tell
  // which path ran.
  Napi::Value Stats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    auto o = Napi::Object::New(env);
    o.Set("uploadWraps", Napi::Number::New(env, static_cast<double>(uploadWraps_)));
    o.Set("uploadCopies", Napi::Number::New(env, static_cast<double>(uploadCopies_)));
    o.Set("readViews", Napi::Number::New(env, static_cast<double>(readViews_)));
    o.Set("readCopies", Napi::Number::New(env, static_cast<double>(readCopies_)));
    o.Set("inFlight", Napi::Number::New(env, inFlight_));
    return o;
  }

  Napi::Value Release(const Napi::CallbackInfo& info) {
    BufferHandle::Release(info[0]);
    return info.Env().Undefined();
  }

  // run(op, inputs, shapes, dtypes, outShape, outDtype, attrs) → buffer.
  Napi::Value Run(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!info[0].IsString()) fail(env, "run: op must be a string");
    OpCall call;
    call.op = info[0].As<Napi::String>().Utf8Value();
    if (!info[1].IsArray() || !info[2].IsArray() || !info[3].IsArray()) fail(env, "run: inputs, shapes and dtypes must be arrays");
    auto inputs = info[1].As<Napi::Array>();
    auto shapes = info[2].As<Napi::Array>();
    auto dtypes = info[3].As<Napi::Array>();
    if (shapes.Length() != inputs.Length() || dtypes.Length() != inputs.Length()) {
      fail(env, "run: inputs, shapes and dtypes must have one entry per input");
    }
    for (uint32_t i = 0; i < inputs.Length(); ++i) {
      std::string at = "run(" + call.op + "): input " + std::to_string(i);
      call.inputs.push_back(TensorArg{BufferHandle::From(inputs.Get(i), at), toShape(shapes.Get(i), at + " shape"),
                                      toDtype(dtypes.Get(i), at + " dtype")});
    }
    call.outShape = toShape(info[4], "run(" + call.op + "): outShape");
    call.outDtype = toDtype(info[5], "run(" + call.op + "): outDtype");
    if (!info[6].IsObject()) fail(env, "run: attrs must be an object");
    auto attrs = info[6].As<Napi::Object>();
    auto keys = attrs.GetPropertyNames();
    for (uint32_t i = 0; i < keys.Length(); ++i) {
      std::string key = keys.Get(i).As<Napi::String>().Utf8Value();
      Napi::Value v = attrs.Get(key);
      if (v.IsString()) {
        call.attrs.strings[key] = v.As<Napi::String>().Utf8Value();
      } else if (v.IsArray()) {
        auto a = v.As<Napi::Array>();
        std::vector<double> numbers;
        for (uint32_t j = 0; j < a.Length(); ++j) {
          if (!a.Get(j).IsNumber()) fail(env, "run(" + call.op + "): attrs." + key + " must be a flat array of numbers");
          numbers.push_back(a.Get(j).As<Napi::Number>().DoubleValue());
        }
        call.attrs.numbers[key] = std::move(numbers);
      } else {
        fail(env, "run(" + call.op + "): attrs." + key + " must be a string or an array of numbers");
      }
    }
    std::shared_ptr<DeviceBuffer> out;
    Guard(env, [&] { out = runOp(*device_, call); });
    return BufferHandle::Wrap(env, std::move(out));
  }

  // dispatch(kernel, { constants, args, groups, threadsPerGroup }): encodes one raw kernel, for the
  // emulator harness's own tests. args are buffer handles or typed arrays bound as bytes.
  Napi::Value Dispatch(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!info[0].IsString() || !info[1].IsObject()) fail(env, "dispatch: expected (kernel: string, spec: object)");
    auto spec = info[1].As<Napi::Object>();
    wn::Dispatch d;
    d.kernel = info[0].As<Napi::String>().Utf8Value();
    d.groups = toUint(spec.Get("groups"), "dispatch: groups");
    d.threadsPerGroup = toUint(spec.Get("threadsPerGroup"), "dispatch: threadsPerGroup");
    auto constants = spec.Get("constants");
    if (!constants.IsArray()) fail(env, "dispatch: constants must be an array");
    for (uint32_t i = 0; i < constants.As<Napi::Array>().Length(); ++i) {
      d.constants.push_back(toUint(constants.As<Napi::Array>().Get(i), "dispatch: constants[i]"));
    }
    auto args = spec.Get("args");
    if (!args.IsArray()) fail(env, "dispatch: args must be an array");
    for (uint32_t i = 0; i < args.As<Napi::Array>().Length(); ++i) {
      Napi::Value a = args.As<Napi::Array>().Get(i);
      if (a.IsTypedArray()) {
        auto t = a.As<Napi::TypedArray>();
        const uint8_t* p = static_cast<const uint8_t*>(t.ArrayBuffer().Data()) + t.ByteOffset();
        d.args.push_back(KernelArg{nullptr, std::vector<uint8_t>(p, p + t.ByteLength())});
      } else {
        d.args.push_back(KernelArg::of(BufferHandle::From(a, "dispatch: args[" + std::to_string(i) + "]")));
      }
    }
    Guard(env, [&] { device_->encode(std::move(d)); });
    return env.Undefined();
  }

  // commit() → Promise<void>: submits this evaluation's command buffer; settles when it (and all
  // earlier work) finished, rejecting with the device's error (its `kernel` property names the
  // kernel) if a dispatch failed.
  Napi::Value Commit(const Napi::CallbackInfo& info) {
    return WhenIdle(info.Env(), [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
  }

  Napi::Value Describe(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), device_->describe()); }

  // Device and op errors become JS errors carrying their message; OpError is the caller's fault.
  template <class F>
  static void Guard(Napi::Env env, F&& f) {
    try {
      f();
    } catch (const OpError& e) {
      throw Napi::RangeError::New(env, e.what());
    } catch (const Napi::Error&) {
      throw;
    } catch (const std::exception& e) {
      throw Napi::Error::New(env, e.what());
    }
  }

  std::unique_ptr<Device> device_;
  // Submissions whose completion has not reached the JS thread yet (touched on the JS thread only).
  int inFlight_ = 0;
  uint64_t uploadWraps_ = 0, uploadCopies_ = 0, readViews_ = 0, readCopies_ = 0;
};

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  Napi::Function buffer = BufferHandle::Define(env);
  env.SetInstanceData(new Napi::FunctionReference(Napi::Persistent(buffer)));
  exports.Set("Device", DeviceHandle::Define(env));
  exports.Set("allocateHost", Napi::Function::New<AllocateHost>(env, "allocateHost"));
  exports.Set("pageSize", Napi::Number::New(env, static_cast<double>(pageSize())));
#ifdef WEIGHTNORM_EMULATED
  exports.Set("deviceKind", Napi::String::New(env, "emulated"));
#else
  exports.Set("deviceKind", Napi::String::New(env, "metal"));
#endif
  auto ops = nativeOps();
  auto list = Napi::Array::New(env, ops.size());
  for (uint32_t i = 0; i < ops.size(); ++i) list.Set(i, Napi::String::New(env, ops[i]));
  exports.Set("ops", list);
  return exports;
}

}  // namespace
}  // namespace wn

// NODE_API_MODULE pastes the init function's name into an identifier, so it must be unqualified.
static Napi::Object InitWeightnormMetal(Napi::Env env, Napi::Object exports) { return wn::Init(env, exports); }

NODE_API_MODULE(weightnorm_metal, InitWeightnormMetal)
