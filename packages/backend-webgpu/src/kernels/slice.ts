import { defineKernel, stridesOf } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { stridedMap } from './strided-map.js';

// A gather: the strided map with the input's strides rearranged.
/** out[i…] = x[starts + i·steps]: base at the start corner, strides scaled by the (maybe negative) steps. */
export const slice = defineKernel<'Slice', WebgpuStorage, WebgpuContext>('Slice', (ctx, { x }, { starts, steps }, out) => {
  const xs = stridesOf(x.shape);
  const base = starts.reduce((acc, s, d) => acc + s * xs[d]!, 0);
  const operand = { storage: x.storage, dtype: x.dtype, base, strides: steps.map((st, d) => st * xs[d]!) };
  return stridedMap(ctx, 'Slice', [operand], ['x'], 'x', out.shape, out.dtype);
});
