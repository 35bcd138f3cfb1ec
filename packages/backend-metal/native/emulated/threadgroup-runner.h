#ifndef WEIGHTNORM_THREADGROUP_RUNNER_H
#define WEIGHTNORM_THREADGROUP_RUNNER_H

#include <string>

#include "emulator-runtime.h"

namespace wn_emu {

// Runs one threadgroup of `kernel`: every thread in turn on the calling stack when the kernel never
// synchronizes, else each thread on its own fiber with threadgroup_barrier as a real barrier.
// Returns an empty string, or what went wrong (a barrier not reached by every thread).
std::string runThreadgroup(const KernelEntry& kernel, const Invocation& group);

}  // namespace wn_emu

#endif
