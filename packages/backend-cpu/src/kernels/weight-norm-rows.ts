import { sizeOf, type Shape } from '@weightnorm/core';

export interface WeightNormRows {
  /** v as outer × kept × inner around the kept axis (the whole tensor is one kept index). */
  outer: number;
  kept: number;
  inner: number;
  /** Σv² + eps per kept index, float64. */
  sq: Float64Array;
  /** Σ gw·v per kept index, float64 (zeros when no gw is given). */
  dot: Float64Array;
}

/** The per-row sums the weight-norm backward needs, in one pass over v (and gw when given). */
export function weightNormRows(v: Float32Array, gw: Float32Array | null, shape: Shape, axis: number | null, eps: number): WeightNormRows {
  const outer = axis === null ? 1 : sizeOf(shape.slice(0, axis));
  const kept = axis === null ? 1 : shape[axis]!;
  const inner = axis === null ? sizeOf(shape) : sizeOf(shape.slice(axis + 1));
  const sq = new Float64Array(kept).fill(eps);
  const dot = new Float64Array(kept);
  for (let o = 0; o < outer; o++) {
    for (let d = 0; d < kept; d++) {
      const off = (o * kept + d) * inner;
      let q = 0;
      let s = 0;
      if (gw) {
        for (let i = off; i < off + inner; i++) {
          q += v[i] * v[i];
          s += gw[i] * v[i];
        }
      } else {
        for (let i = off; i < off + inner; i++) q += v[i] * v[i];
      }
      sq[d] += q;
      dot[d] += s;
    }
  }
  return { outer, kept, inner, sq, dot };
}
