import { defineKernel, stridesOf } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { stridedMap } from './strided-map.js';

// A gather: the strided map with the input's strides rearranged.
/** out axis i is x axis perm[i]: read x with its strides permuted. */
export const permute = defineKernel<'Permute', WebgpuStorage, WebgpuContext>('Permute', (ctx, { x }, { perm }, out) => {
  const xs = stridesOf(x.shape);
  const operand = { storage: x.storage, dtype: x.dtype, base: 0, strides: perm.map((p) => xs[p]!) };
  return stridedMap(ctx, 'Permute', [operand], ['x'], 'x', out.shape, out.dtype);
});
