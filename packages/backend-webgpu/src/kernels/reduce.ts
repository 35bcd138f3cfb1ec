import { defineKernel, REDUCE_OPS, sizeOf, stridesOf, type ReduceOp } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { grid } from './grid.js';
import { reduceWgsl } from './reduce.wgsl.js';

function reduceKernel<Op extends ReduceOp>(op: Op) {
  return defineKernel<Op, WebgpuStorage, WebgpuContext>(op, async (ctx, { x }, { axes }, out) => {
    const nOut = sizeOf(out.shape);
    const storage = ctx.alloc(out.dtype, nOut);
    const strides = stridesOf(x.shape);
    const keptAxes = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
    const meta = [
      nOut,
      sizeOf(axes.map((d) => x.shape[d]!)),
      ...keptAxes.map((d) => x.shape[d]!),
      ...keptAxes.map((d) => strides[d]!),
      ...axes.map((d) => x.shape[d]!),
      ...axes.map((d) => strides[d]!),
    ];
    await ctx.dispatch({
      kernel: op,
      key: `${x.dtype}|${out.dtype}|${keptAxes.length}|${axes.length}`,
      code: () => reduceWgsl(ctx, op, x.dtype, out.dtype, keptAxes.length, axes.length),
      inputs: [x.storage],
      outputs: [storage],
      meta,
      workgroups: grid(Math.min(nOut, 65535 * 4), ctx.facts.maxWorkgroupsPerDimension),
    });
    return storage;
  });
}

export const reduceKernels = REDUCE_OPS.map(reduceKernel);
