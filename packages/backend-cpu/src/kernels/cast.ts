import { defineKernel, fromFloat16Bits, toFloat16Bits } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';

/** Converts to attrs.dtype (= out.dtype). Every path rounds at most once. */
export const cast = defineKernel<'Cast', CpuStorage, CpuContext>('Cast', (_ctx, { x }, _attrs, out) => {
  if (x.dtype === out.dtype) return x.storage.slice();
  const values = x.dtype === 'float16' ? fromFloat16Bits(x.storage as Uint16Array) : (x.storage as Float32Array | Int32Array);
  switch (out.dtype) {
    case 'float32':
      return Float32Array.from(values);
    case 'float16':
      // int32 → float16: every int32 that fits in float16's range is exact in float64, so one rounding.
      return toFloat16Bits(values);
    case 'int32':
      return truncateToInt32(values);
  }
});

/**
 * float → int32 truncates toward zero, as torch's static_cast does. NaN, ±Infinity and values
 * outside int32 are undefined in C++; x86 (cvttss2si) gives −2³¹ for all of them, and so do we.
 */
function truncateToInt32(values: Float32Array | Int32Array): Int32Array {
  const y = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    y[i] = v > -2147483649 && v < 2147483648 ? v : -2147483648;
  }
  return y;
}
