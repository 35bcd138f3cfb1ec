import { defineKernel, sizeOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { readFloats, resultStorage } from './float-view.js';
import { rowsOf } from './rows-of.js';
import { runRowsWasm } from './run-rows-wasm.js';

/**
 * Fused w = v · (g / ‖v‖), norm over every axis but `axis` (all axes when null). Two streams over
 * v and one float64 accumulator per kept index, nothing else. As torch's CPU kernel does, the
 * scale g / norm is formed once per kept index in the tensor's float type and each element gets
 * one multiply, so a zero row with eps = 0 gives 0 · (g / 0) = NaN, exactly like torch.
 *
 * float32 with contiguous rows (dim 0, or the whole tensor) runs as WebAssembly SIMD on the
 * runtime's threads, row by row so the second stream reads from cache; the rest runs here.
 */
export const weightNorm = defineKernel<'WeightNorm', CpuStorage, CpuContext>(
  'WeightNorm',
  (ctx, { v, g }, { axis, eps }, out) => {
    const rows = rowsOf(v.shape, axis);
    if (ctx.wasm && rows && v.dtype === 'float32' && out.dtype === 'float32') {
      const [kept, inner] = rows;
      const vs = v.storage as Float32Array;
      const gs = readFloats(g);
      const wasm = runRowsWasm(ctx, ctx.wasm, kept, [{ array: vs, perRow: inner }, { array: gs, perRow: 1 }], [inner], (_r0, n, [vAt, gAt, wAt]) => [
        'weightNormRows', vAt!, gAt!, wAt!, n, inner, eps,
      ]);
      if (wasm) return wasm[0]!;
    }
    const kept = axis === null ? 1 : v.shape[axis];
    const outer = axis === null ? 1 : sizeOf(v.shape.slice(0, axis));
    const inner = axis === null ? sizeOf(v.shape) : sizeOf(v.shape.slice(axis + 1));
    const vs = readFloats(v);
    const gs = readFloats(g);

    const scales = new Float64Array(kept);
    for (let o = 0; o < outer; o++) {
      for (let d = 0; d < kept; d++) scales[d] += sumSquares(vs, (o * kept + d) * inner, inner);
    }
    for (let d = 0; d < kept; d++) scales[d] = Math.fround(gs[d] / Math.sqrt(scales[d] + eps));

    const w = ctx.alloc(vs.length, false);
    for (let o = 0; o < outer; o++) {
      for (let d = 0; d < kept; d++) {
        const off = (o * kept + d) * inner;
        scaleRow(vs, off, inner, scales[d], w);
      }
    }
    return resultStorage(ctx, w, out.dtype);
  },
);

/** Σ v[off…off+n)² in float64: the first stream. */
function sumSquares(v: Float32Array, off: number, n: number): number {
  let s = 0;
  for (let i = off; i < off + n; i++) s += v[i] * v[i];
  return s;
}

/** w[i] = v[i] · scale over one row: the second stream. float32 · float32 is exact in float64, so the store rounds once. */
function scaleRow(v: Float32Array, off: number, n: number, scale: number, w: Float32Array): void {
  for (let i = off; i < off + n; i++) w[i] = v[i] * scale;
}
