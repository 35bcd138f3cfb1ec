import { defineKernel } from '@weightnorm/core';
import type { CpuContext, CpuStorage } from '@weightnorm/backend-cpu';

/** |x| for float32, int32 (|-2^31| wraps to -2^31, as torch does) and float16 (clears the sign bit). */
export const abs = defineKernel<'Abs', CpuStorage, CpuContext>('Abs', (_ctx, { x }, _attrs, out) => {
  const src = x.storage;
  const size = out.shape.reduce((a, b) => a * b, 1);
  if (out.dtype === 'float16') {
    const dst = new Uint16Array(size);
    for (let i = 0; i < size; i++) dst[i] = src[i]! & 0x7fff;
    return dst;
  }
  const dst = out.dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
  for (let i = 0; i < size; i++) dst[i] = Math.abs(src[i]!);
  return dst;
});
