import { defineKernel, sizeOf } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { gemmGrid, pickGemmTile } from './gemm.wgsl.js';
import { matmulWgsl } from './matmul.wgsl.js';

/** Batched a [B, M, K] · b [B, K, N], tiled in workgroup memory; int32 accumulates in i32 (wrapping). */
export const matmul = defineKernel<'MatMul', WebgpuStorage, WebgpuContext>('MatMul', async (ctx, { a, b }, _attrs, out) => {
  const [batch, m, k] = a.shape as [number, number, number];
  const n = b.shape[2]!;
  const storage = ctx.alloc(out.dtype, sizeOf(out.shape));
  const tile = pickGemmTile(m);
  await ctx.dispatch({
    kernel: 'MatMul',
    key: `${out.dtype}|${tile.tm}`,
    code: () => matmulWgsl(ctx, out.dtype, tile),
    inputs: [a.storage, b.storage],
    outputs: [storage],
    meta: [batch, m, n, k],
    workgroups: gemmGrid(batch, m, n, tile, ctx.facts.maxWorkgroupsPerDimension),
  });
  return storage;
});
