// Maps the subset of the Metal Shading Language that kernels/*.metal use onto C++17, so g++ compiles
// the unchanged kernel files for the emulated device. Device, constant and thread address spaces
// become nothing (one memory on the CPU), `half` is the IEEE binary16 _Float16 (round-to-nearest-even conversions, like Metal),
// `precise::` math is the C library's, and threadgroup_barrier suspends the thread's fiber.
// Attributes ([[buffer(0)]], [[thread_position_in_grid]], [[function_constant(0)]]) are left in the
// source, ignored by g++ (-Wno-attributes), and read instead by scripts/gen-emulated-kernels.mjs,
// which binds each parameter from them as the Metal compiler would.
#ifndef WEIGHTNORM_MSL_SHIM_H
#define WEIGHTNORM_MSL_SHIM_H

#include <cmath>
#include <cstdint>

#include "emulator-runtime.h"

typedef unsigned int uint;
typedef unsigned char uchar;
typedef unsigned short ushort;
typedef _Float16 half;

namespace metal {

enum class mem_flags { mem_none = 0, mem_device = 1, mem_threadgroup = 2, mem_texture = 4 };

inline void threadgroup_barrier(mem_flags) { wn_emu::barrier(); }

inline float fabs(float x) { return std::fabs(x); }
inline float floor(float x) { return std::floor(x); }
inline float fmod(float x, float y) { return std::fmod(x, y); }
inline bool isnan(float x) { return std::isnan(x); }
inline bool isinf(float x) { return std::isinf(x); }
inline bool isfinite(float x) { return std::isfinite(x); }
inline bool signbit(float x) { return std::signbit(x); }

// The kernels ask for precise:: wherever accuracy matters; the C library is at least that precise.
namespace precise {
inline float sqrt(float x) { return std::sqrt(x); }
inline float exp(float x) { return std::exp(x); }
inline float log(float x) { return std::log(x); }
inline float sin(float x) { return std::sin(x); }
inline float cos(float x) { return std::cos(x); }
inline float tanh(float x) { return std::tanh(x); }
inline float pow(float x, float y) { return std::pow(x, y); }
}  // namespace precise

}  // namespace metal

#define kernel
#define device
#define constant
// Threadgroup arrays are declared in the kernel body (`threadgroup float partial[N];`). As statics
// they are shared by every thread of the group, which run one group at a time; the section lets the
// emulator fill them with NaN bytes before each group, as uninitialized threadgroup memory.
#define threadgroup static __attribute__((section("wn_threadgroup")))
#define thread

#endif
