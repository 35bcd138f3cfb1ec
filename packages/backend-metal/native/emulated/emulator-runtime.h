// What generated kernel bindings and the emulated device share: a thread's invocation record, the
// kernel table, and the barrier hook the MSL shim calls. Plain C++ (included before the shim's
// address-space macros take effect).
#ifndef WEIGHTNORM_EMULATOR_RUNTIME_H
#define WEIGHTNORM_EMULATOR_RUNTIME_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

namespace wn_emu {

// The built-in values one thread sees (all dispatches are 1-d).
struct Invocation {
  void* const* buffers;
  uint32_t thread_position_in_grid;
  uint32_t thread_position_in_threadgroup;
  uint32_t threadgroup_position_in_grid;
  uint32_t threads_per_threadgroup;
  uint32_t threadgroups_per_grid;
  uint32_t threads_per_grid;
};

struct KernelEntry {
  const char* name;
  const char* file;
  // Threads of a group run as fibers (real barrier semantics) only for kernels that synchronize;
  // the rest run one after another on the calling stack.
  bool synchronizes;
  uint32_t constants;
  uint32_t buffers;
  void (*setConstants)(const uint32_t* values);
  void (*invoke)(const Invocation& inv);
};

bool registerKernels(const KernelEntry* entries, size_t count);
const KernelEntry* findKernel(const std::string& name);

// threadgroup_barrier: suspends the calling thread's fiber until every thread of its group arrives.
void barrier();

// Binds a raw argument pointer to a kernel parameter's declared type (pointer or reference).
template <class T>
T bind(void* p) {
  if constexpr (std::is_reference_v<T>) {
    return *static_cast<std::remove_reference_t<T>*>(p);
  } else {
    return static_cast<T>(p);
  }
}

}  // namespace wn_emu

#endif
