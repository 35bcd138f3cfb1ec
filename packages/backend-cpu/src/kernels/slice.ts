import { defineKernel, sizeOf, stridesOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { copyRow } from './copy-row.js';
import { allocStorage } from './float-view.js';
import { forEachRow } from './for-each-row.js';

/**
 * out[i…] = x[starts + i·steps]: a copy reading x from the offset of `starts` with strides scaled
 * by `steps` (negative steps walk backwards).
 */
export const slice = defineKernel<'Slice', CpuStorage, CpuContext>('Slice', (ctx, { x }, { starts, steps }, out) => {
  const size = sizeOf(out.shape);
  const y = allocStorage(ctx, out.dtype, size, false);
  // With nothing to copy, starts may point past x's end, so the offset is never formed.
  if (size === 0) return y;
  const xStrides = stridesOf(x.shape);
  let base = 0;
  for (let d = 0; d < xStrides.length; d++) base += starts[d] * xStrides[d];
  const strides = [xStrides.map((s, d) => s * steps[d]), stridesOf(out.shape)];
  forEachRow(out.shape, strides, (o, n, s) => copyRow(x.storage, base + o[0], s[0], y, o[1], s[1], n));
  return y;
});
