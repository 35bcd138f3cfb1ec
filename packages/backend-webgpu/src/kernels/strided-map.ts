import { sizeOf, type DType } from '@weightnorm/core';
import { grid } from './grid.js';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { MAP_WORKGROUP, stridedMapWgsl } from './strided-map.wgsl.js';

/** One input of a strided map: where element (c_0, …, c_{r-1}) of the output reads it. */
export interface MapOperand {
  readonly storage: WebgpuStorage;
  readonly dtype: DType;
  readonly base: number;
  readonly strides: readonly number[];
}

/** Row-major strides of `shape`, with 0 on axes `shape` broadcasts (size 1 under a bigger out axis). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = shape[d] === 1 && outShape[d] !== 1 ? 0 : s;
    s *= shape[d]!;
  }
  return strides;
}

/** An input with out's rank read with broadcasting. */
export function broadcastOperand(t: { storage: WebgpuStorage; shape: readonly number[]; dtype: DType }, outShape: readonly number[]): MapOperand {
  return { storage: t.storage, dtype: t.dtype, base: 0, strides: broadcastStrides(t.shape, outShape) };
}

/**
 * Encodes out = expr(operands…) over `outShape` and returns the new storage. An operand whose
 * strides are out's own row-major strides is read flat, so same-shape elementwise ops do no index math.
 */
export async function stridedMap(
  ctx: WebgpuContext,
  kernel: string,
  operands: readonly MapOperand[],
  names: readonly string[],
  expr: string,
  outShape: readonly number[],
  outDType: DType,
): Promise<WebgpuStorage> {
  const n = sizeOf(outShape);
  const out = ctx.alloc(outDType, n);
  const rank = outShape.length;
  const own = broadcastStrides(outShape, outShape);
  const inputs = operands.map((o) => ({
    dtype: o.dtype,
    flat: o.base === 0 && o.strides.every((s, d) => s === own[d] || outShape[d] === 1),
  }));
  const meta = [n, rank, ...outShape];
  for (const o of operands) meta.push(o.base, ...o.strides);
  const shader = { rank, inputs, out: outDType, names, expr };
  await ctx.dispatch({
    kernel,
    key: `${rank}|${inputs.map((i) => `${i.dtype}${i.flat ? 'f' : 's'}`).join(',')}|${outDType}|${names.join(',')}=${expr}`,
    code: () => stridedMapWgsl(ctx, shader),
    inputs: operands.map((o) => o.storage),
    outputs: [out],
    meta,
    workgroups: grid(Math.ceil(n / MAP_WORKGROUP), ctx.facts.maxWorkgroupsPerDimension),
  });
  return out;
}
