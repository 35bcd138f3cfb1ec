// Threadgroups with real barrier semantics, on one OS thread.
//
// Each emulated thread of a synchronizing kernel runs on its own ucontext fiber. threadgroup_barrier
// swaps back to the scheduler, which resumes the next thread; a thread passes a barrier only after
// every thread of its group has reached it. Scheduling is deterministic and maximally eager: thread 0
// runs until its first barrier before thread 1 starts, so a kernel that reads shared memory another
// thread has not written yet (a missing barrier) reads the NaN bytes the group started with, every
// time, instead of passing by luck as it might with racing OS threads. Fibers cost a stack each
// (64 KiB, reused across groups) and two context switches per thread per barrier; kernels without
// barriers skip them entirely.
#include "threadgroup-runner.h"

#include <ucontext.h>

#include <cstring>
#include <memory>
#include <vector>

// Bounds of the threadgroup arrays' section, provided by the linker (see msl-shim.h); weak, so an
// addon whose kernels declare no threadgroup array still loads.
extern "C" char __start_wn_threadgroup[] __attribute__((weak));
extern "C" char __stop_wn_threadgroup[] __attribute__((weak));

namespace wn_emu {
namespace {

constexpr size_t kStackBytes = 64 * 1024;

struct Scheduler {
  ucontext_t main;
  std::vector<ucontext_t> fibers;
  std::vector<std::unique_ptr<char[]>> stacks;
  std::vector<bool> atBarrier;
  std::vector<bool> done;
  const KernelEntry* kernel = nullptr;
  Invocation group{};
  uint32_t current = 0;
  bool fiberMode = false;
  bool strayBarrier = false;
};

thread_local Scheduler scheduler;

void poisonThreadgroupMemory() {
  if (__start_wn_threadgroup == nullptr) return;
  std::memset(__start_wn_threadgroup, 0xff, static_cast<size_t>(__stop_wn_threadgroup - __start_wn_threadgroup));
}

void fiberMain() {
  Scheduler& s = scheduler;
  Invocation inv = s.group;
  inv.thread_position_in_threadgroup = s.current;
  inv.thread_position_in_grid = s.group.threadgroup_position_in_grid * s.group.threads_per_threadgroup + s.current;
  s.kernel->invoke(inv);
  scheduler.done[scheduler.current] = true;
  // Returning resumes uc_link, the scheduler.
}

}  // namespace

void barrier() {
  Scheduler& s = scheduler;
  if (!s.fiberMode) {
    // The generator classifies kernels by their body; a barrier hidden in a helper would land here.
    s.strayBarrier = true;
    return;
  }
  s.atBarrier[s.current] = true;
  swapcontext(&s.fibers[s.current], &s.main);
}

std::string runThreadgroup(const KernelEntry& kernel, const Invocation& group) {
  Scheduler& s = scheduler;
  const uint32_t threads = group.threads_per_threadgroup;
  poisonThreadgroupMemory();
  if (!kernel.synchronizes) {
    s.strayBarrier = false;
    Invocation inv = group;
    for (uint32_t t = 0; t < threads; ++t) {
      inv.thread_position_in_threadgroup = t;
      inv.thread_position_in_grid = group.threadgroup_position_in_grid * threads + t;
      kernel.invoke(inv);
    }
    if (s.strayBarrier) {
      return std::string("kernel ") + kernel.name + " called threadgroup_barrier outside its body; the emulator ran it without fibers";
    }
    return "";
  }

  if (s.fibers.size() < threads) {
    s.fibers.resize(threads);
    while (s.stacks.size() < threads) s.stacks.emplace_back(new char[kStackBytes]);
  }
  s.kernel = &kernel;
  s.group = group;
  s.atBarrier.assign(threads, false);
  s.done.assign(threads, false);
  for (uint32_t t = 0; t < threads; ++t) {
    getcontext(&s.fibers[t]);
    s.fibers[t].uc_stack.ss_sp = s.stacks[t].get();
    s.fibers[t].uc_stack.ss_size = kStackBytes;
    s.fibers[t].uc_link = &s.main;
    makecontext(&s.fibers[t], fiberMain, 0);
  }
  s.fiberMode = true;
  std::string error;
  for (;;) {
    uint32_t waiting = 0;
    uint32_t finished = 0;
    for (uint32_t t = 0; t < threads; ++t) {
      if (s.done[t]) continue;
      s.current = t;
      s.atBarrier[t] = false;
      swapcontext(&s.main, &s.fibers[t]);
      if (s.atBarrier[t]) ++waiting;
      else ++finished;
    }
    if (waiting == 0) break;
    if (finished > 0) {
      // On a GPU this hangs or is undefined; here it is an error naming the kernel.
      error = std::string("kernel ") + kernel.name + ": threadgroup_barrier reached by " + std::to_string(waiting) +
              " of " + std::to_string(waiting + finished) + " threads still running";
      break;
    }
  }
  s.fiberMode = false;
  return error;
}

}  // namespace wn_emu
