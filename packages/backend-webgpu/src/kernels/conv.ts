import { defineKernel, sizeOf } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { convGeometry } from './conv-geometry.js';
import { convWgsl } from './conv.wgsl.js';
import { gemmGrid, pickGemmTile } from './gemm.wgsl.js';

/** Conv1d/2d/3d with groups, stride, dilation and asymmetric zero padding, as implicit GEMM. */
export const conv = defineKernel<'Conv', WebgpuStorage, WebgpuContext>('Conv', async (ctx, { x, w, b }, attrs, out) => {
  const storage = ctx.alloc(out.dtype, sizeOf(out.shape));
  const before = attrs.padding.map((p) => p[0]);
  const g = convGeometry(x.shape, w.shape, out.shape, attrs.stride, before, attrs.dilation, attrs.groups);
  const hasBias = b !== undefined;
  const tile = pickGemmTile(g.m);
  await ctx.dispatch({
    kernel: 'Conv',
    key: `${out.dtype}|${hasBias}|${tile.tm}`,
    code: () => convWgsl(ctx, out.dtype, hasBias, tile),
    inputs: [x.storage, w.storage, ...(b ? [b.storage] : [])],
    outputs: [storage],
    meta: g.meta,
    workgroups: gemmGrid(g.z, g.m, g.n, tile, ctx.facts.maxWorkgroupsPerDimension),
  });
  return storage;
});
