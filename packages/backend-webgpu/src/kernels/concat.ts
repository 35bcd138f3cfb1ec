import { defineKernel, sizeOf } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { CONCAT_WORKGROUP, concatWgsl } from './concat.wgsl.js';
import { grid } from './grid.js';

/** One copy dispatch per input, each writing its own slab of the output. */
export const concat = defineKernel<'Concat', WebgpuStorage, WebgpuContext>('Concat', async (ctx, { xs }, { axis }, out) => {
  const storage = ctx.alloc(out.dtype, sizeOf(out.shape));
  const inner = sizeOf(out.shape.slice(axis + 1));
  const outRow = out.shape[axis]! * inner;
  let offset = 0;
  for (const x of xs) {
    const n = sizeOf(x.shape);
    const inRow = x.shape[axis]! * inner;
    if (n > 0) {
      await ctx.dispatch({
        kernel: 'Concat',
        key: out.dtype,
        code: () => concatWgsl(ctx, out.dtype),
        inputs: [x.storage],
        outputs: [storage],
        meta: [n, inRow, outRow, offset],
        workgroups: grid(Math.ceil(n / CONCAT_WORKGROUP), ctx.facts.maxWorkgroupsPerDimension),
      });
    }
    offset += inRow;
  }
  return storage;
});
