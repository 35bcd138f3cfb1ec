import { defineKernel, sizeOf } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { grid } from './grid.js';
import { WN_WORKGROUP, weightNormApplyWgsl, weightNormPartialsWgsl, weightNormWgsl } from './weight-norm.wgsl.js';

/** Whole-tensor norms up to this many elements run in the one-workgroup fused dispatch. */
const SINGLE_PASS_LIMIT = 1 << 16;
/** Stage-1 workgroups of the two-stage whole-tensor norm. */
const MAX_PARTIALS = 1024;

const bits = new Int32Array(1);
const asF32 = new Float32Array(bits.buffer);
function f32Bits(x: number): number {
  asF32[0] = x;
  return bits[0]!;
}

/**
 * w = v · (g / sqrt(Σv² + eps)) fused: one dispatch for a per-channel norm (and a whole-tensor
 * one up to 64K elements); a larger whole-tensor norm reduces in two stages (partials, then apply).
 */
export const weightNorm = defineKernel<'WeightNorm', WebgpuStorage, WebgpuContext>(
  'WeightNorm',
  async (ctx, { v, g }, { axis, eps }, out) => {
    const n = sizeOf(v.shape);
    const w = ctx.alloc(out.dtype, n);
    const sg = ctx.subgroups;
    const max = ctx.facts.maxWorkgroupsPerDimension;
    const epsBits = f32Bits(eps);
    if (axis !== null || n <= SINGLE_PASS_LIMIT) {
      const A = axis === null ? 1 : v.shape[axis]!;
      const outer = axis === null ? 1 : sizeOf(v.shape.slice(0, axis));
      const inner = axis === null ? n : sizeOf(v.shape.slice(axis + 1));
      await ctx.dispatch({
        kernel: 'WeightNorm',
        key: `${out.dtype}|${sg}`,
        code: () => weightNormWgsl(ctx, out.dtype, sg),
        inputs: [v.storage, g.storage],
        outputs: [w],
        meta: [A, outer, inner, epsBits],
        workgroups: n === 0 ? [0, 0, 0] : grid(Math.min(A, max * 4), max),
      });
      return w;
    }
    const parts = Math.min(MAX_PARTIALS, Math.ceil(n / (WN_WORKGROUP * 16)));
    const partials = ctx.alloc('float32', parts);
    try {
      await ctx.dispatch({
        kernel: 'WeightNorm',
        key: `partials|${out.dtype}|${sg}`,
        code: () => weightNormPartialsWgsl(ctx, out.dtype, sg),
        inputs: [v.storage],
        outputs: [partials],
        meta: [n, parts],
        workgroups: [parts, 1, 1],
      });
      await ctx.dispatch({
        kernel: 'WeightNorm',
        key: `apply|${out.dtype}|${sg}`,
        code: () => weightNormApplyWgsl(ctx, out.dtype, sg),
        inputs: [v.storage, g.storage, partials],
        outputs: [w],
        meta: [n, parts, epsBits],
        workgroups: grid(Math.min(Math.ceil(n / (WN_WORKGROUP * 4)), max), max),
      });
    } finally {
      // Later commands run after these two, so the pool may hand the buffer out again now.
      ctx.release(partials);
    }
    return w;
  },
);
