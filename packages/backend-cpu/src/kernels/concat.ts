import { defineKernel, sizeOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { allocStorage } from './float-view.js';

/**
 * Joins xs along `axis`. Seen as [outer, axis·inner], each input is a stack of contiguous blocks
 * that land side by side in out's rows, so the copy is one `set` per block.
 */
export const concat = defineKernel<'Concat', CpuStorage, CpuContext>('Concat', (ctx, { xs }, { axis }, out) => {
  const y = allocStorage(ctx, out.dtype, sizeOf(out.shape), false);
  const outer = sizeOf(out.shape.slice(0, axis));
  const inner = sizeOf(out.shape.slice(axis + 1));
  const outRow = out.shape[axis] * inner;
  let column = 0;
  for (const x of xs) {
    const block = x.shape[axis] * inner;
    for (let o = 0; o < outer; o++) y.set(x.storage.subarray(o * block, (o + 1) * block), o * outRow + column);
    column += block;
  }
  return y;
});
