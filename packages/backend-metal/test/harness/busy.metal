// A deliberately slow kernel for the asynchronous-commit tests: each thread iterates a logistic map
// `steps` times from a seed derived from its index, so a dispatch takes as long as the test needs.
// Every operation rounds to float32 on its own (separate statements, and the emulated build targets
// baseline x86-64 without FMA), so JS replays the recurrence exactly with Math.fround.
#include <metal_stdlib>
using namespace metal;

kernel void harness_busy(device float* out [[buffer(0)]],
                         constant uint& steps [[buffer(1)]],
                         uint gid [[thread_position_in_grid]]) {
  float x = 0.1f + 0.001f * float(gid % 512);
  for (uint i = 0; i < steps; ++i) {
    float y = 1.0f - x;
    x = 3.7f * x;
    x = x * y;
  }
  out[gid] = x;
}
