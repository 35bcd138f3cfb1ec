import { defineKernel, sizeOf, stridesOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { copyRow } from './copy-row.js';
import { allocStorage } from './float-view.js';
import { forEachRow } from './for-each-row.js';

/** out axis i is x axis perm[i]: a strided copy of raw elements, reading x through permuted strides. */
export const permute = defineKernel<'Permute', CpuStorage, CpuContext>('Permute', (ctx, { x }, { perm }, out) => {
  const y = allocStorage(ctx, out.dtype, sizeOf(out.shape), false);
  const xStrides = stridesOf(x.shape);
  const strides = [perm.map((p) => xStrides[p]), stridesOf(out.shape)];
  forEachRow(out.shape, strides, (o, n, s) => copyRow(x.storage, o[0], s[0], y, o[1], s[1], n));
  return y;
});
