import { defineKernel, sizeOf } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { grid } from './grid.js';
import { weightNormGradGWgsl, weightNormGradVWgsl } from './weight-norm-grad.wgsl.js';

const bits = new Int32Array(1);
const asF32 = new Float32Array(bits.buffer);

/** [A, outer, inner, eps bits]: v as [outer, A, inner] around the kept axis (A = 1 for the whole tensor). */
function rowParams(shape: readonly number[], axis: number | null, eps: number): number[] {
  asF32[0] = eps;
  if (axis === null) return [1, 1, sizeOf(shape), bits[0]!];
  return [shape[axis]!, sizeOf(shape.slice(0, axis)), sizeOf(shape.slice(axis + 1)), bits[0]!];
}

/**
 * gradG = Σ gw·v / sqrt(Σv² + eps) per kept index, one workgroup per row. The whole-tensor case
 * is one workgroup over all of v: fine for the weights nn trains, slow for huge ones.
 */
export const weightNormGradG = defineKernel<'WeightNormGradG', WebgpuStorage, WebgpuContext>(
  'WeightNormGradG',
  async (ctx, { v, gw }, { axis, eps }, out) => {
    const storage = ctx.alloc(out.dtype, sizeOf(out.shape));
    const params = rowParams(v.shape, axis, eps);
    const max = ctx.facts.maxWorkgroupsPerDimension;
    await ctx.dispatch({
      kernel: 'WeightNormGradG',
      key: `${out.dtype}|${ctx.subgroups}`,
      code: () => weightNormGradGWgsl(ctx, out.dtype, ctx.subgroups),
      inputs: [v.storage, gw.storage],
      outputs: [storage],
      meta: params,
      workgroups: sizeOf(v.shape) === 0 && axis === null ? [1, 1, 1] : grid(Math.min(params[0]!, max * 4), max),
    });
    return storage;
  },
);

/** gradV = gw·(g/n) − v·(g·gg/n²), n² = Σv² + eps: one workgroup per row reduces, then writes. */
export const weightNormGradV = defineKernel<'WeightNormGradV', WebgpuStorage, WebgpuContext>(
  'WeightNormGradV',
  async (ctx, { v, g, gw, gg }, { axis, eps }, out) => {
    const n = sizeOf(v.shape);
    const storage = ctx.alloc(out.dtype, n);
    const params = rowParams(v.shape, axis, eps);
    const max = ctx.facts.maxWorkgroupsPerDimension;
    await ctx.dispatch({
      kernel: 'WeightNormGradV',
      key: `${out.dtype}|${ctx.subgroups}`,
      code: () => weightNormGradVWgsl(ctx, out.dtype, ctx.subgroups),
      inputs: [v.storage, g.storage, gw.storage, gg.storage],
      outputs: [storage],
      meta: params,
      workgroups: n === 0 ? [0, 0, 0] : grid(Math.min(params[0]!, max * 4), max),
    });
    return storage;
  },
);
