// The emulator harness's own kernels: a shared-memory row sum written correctly, the same sum with
// its first threadgroup_barrier deleted, and one whose thread 0 leaves before a barrier. Built into
// the emulated addon only; test/emulator-barrier.test.ts shows the broken ones failing.
#include <metal_stdlib>
using namespace metal;

#define HARNESS_GROUP 64

// out[row] = Σ x[row·64 + i], one 64-thread group per row.
kernel void harness_threadgroup_sum(device const float* x [[buffer(0)]],
                                    device float* out [[buffer(1)]],
                                    uint row [[threadgroup_position_in_grid]],
                                    uint lid [[thread_position_in_threadgroup]]) {
  threadgroup float partial[HARNESS_GROUP];
  partial[lid] = x[row * HARNESS_GROUP + lid];
  threadgroup_barrier(mem_flags::mem_threadgroup);
  for (uint s = HARNESS_GROUP / 2; s > 0; s >>= 1) {
    if (lid < s) partial[lid] += partial[lid + s];
    threadgroup_barrier(mem_flags::mem_threadgroup);
  }
  if (lid == 0) out[row] = partial[0];
}

// BROKEN ON PURPOSE: no barrier between writing partial[lid] and reading partial[lid + s], so a
// thread can read its partner's slot before the partner wrote it.
kernel void harness_threadgroup_sum_missing_barrier(device const float* x [[buffer(0)]],
                                                    device float* out [[buffer(1)]],
                                                    uint row [[threadgroup_position_in_grid]],
                                                    uint lid [[thread_position_in_threadgroup]]) {
  threadgroup float partial[HARNESS_GROUP];
  partial[lid] = x[row * HARNESS_GROUP + lid];
  for (uint s = HARNESS_GROUP / 2; s > 0; s >>= 1) {
    if (lid < s) partial[lid] += partial[lid + s];
    threadgroup_barrier(mem_flags::mem_threadgroup);
  }
  if (lid == 0) out[row] = partial[0];
}

// BROKEN ON PURPOSE: thread 0 returns before the barrier the others wait at (a hang or undefined
// behaviour on a GPU).
kernel void harness_early_return(device const float* x [[buffer(0)]],
                                 device float* out [[buffer(1)]],
                                 uint lid [[thread_position_in_threadgroup]]) {
  threadgroup float partial[HARNESS_GROUP];
  if (lid == 0) return;
  partial[lid] = x[lid];
  threadgroup_barrier(mem_flags::mem_threadgroup);
  out[lid] = partial[HARNESS_GROUP - lid];
}
