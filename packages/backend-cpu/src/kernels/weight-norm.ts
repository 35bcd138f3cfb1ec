import { defineKernel, sizeOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { readFloats, toStorage } from './float-view.js';

/**
 * Fused w = v · (g / ‖v‖), norm over every axis but `axis` (all axes when null). Two streams over
 * v and one float64 accumulator per kept index, nothing else. As torch's CPU kernel does, the
 * scale g / norm is formed once per kept index in the tensor's float type and each element gets
 * one multiply, so a zero row with eps = 0 gives 0 · (g / 0) = NaN, exactly like torch.
 */
export const weightNorm = defineKernel<'WeightNorm', CpuStorage, CpuContext>(
  'WeightNorm',
  (_ctx, { v, g }, { axis, eps }, out) => {
    const vs = readFloats(v);
    const gs = readFloats(g);
    const kept = axis === null ? 1 : v.shape[axis];
    const outer = axis === null ? 1 : sizeOf(v.shape.slice(0, axis));
    const inner = axis === null ? vs.length : sizeOf(v.shape.slice(axis + 1));

    const scales = new Float64Array(kept);
    for (let o = 0; o < outer; o++) {
      for (let d = 0; d < kept; d++) scales[d] += sumSquares(vs, (o * kept + d) * inner, inner);
    }
    for (let d = 0; d < kept; d++) scales[d] = Math.fround(gs[d] / Math.sqrt(scales[d] + eps));

    const w = new Float32Array(vs.length);
    for (let o = 0; o < outer; o++) {
      for (let d = 0; d < kept; d++) {
        const off = (o * kept + d) * inner;
        scaleRow(vs, off, inner, scales[d], w);
      }
    }
    return toStorage(w, out.dtype);
  },
);

/** Σ v[off…off+n)² in float64: the first stream, replaceable by a WASM SIMD loop. */
function sumSquares(v: Float32Array, off: number, n: number): number {
  let s = 0;
  for (let i = off; i < off + n; i++) s += v[i] * v[i];
  return s;
}

/** w[i] = v[i] · scale over one row: the second stream. float32 · float32 is exact in float64, so the store rounds once. */
function scaleRow(v: Float32Array, off: number, n: number, scale: number, w: Float32Array): void {
  for (let i = off; i < off + n; i++) w[i] = v[i] * scale;
}
