import { defineKernel, sizeOf, stridesOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { broadcastStrides } from './broadcast-strides.js';
import { copyRow } from './copy-row.js';
import { allocStorage } from './float-view.js';
import { forEachRow } from './for-each-row.js';

/** Repeats x's size-1 axes to out's shape: a copy reading x with stride 0 on those axes. */
export const expand = defineKernel<'Expand', CpuStorage, CpuContext>('Expand', (ctx, { x }, _attrs, out) => {
  const y = allocStorage(ctx, out.dtype, sizeOf(out.shape), false);
  const strides = [broadcastStrides(x.shape, out.shape), stridesOf(out.shape)];
  forEachRow(out.shape, strides, (o, n, s) => copyRow(x.storage, o[0], s[0], y, o[1], s[1], n));
  return y;
});
