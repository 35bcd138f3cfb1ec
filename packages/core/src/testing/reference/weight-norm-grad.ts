import { nd, unravel, type NdArray } from './nd-array.js';

/** Per kept index: Σv² + eps and Σ gw·v, in float64. */
function rowSums(v: NdArray, gw: NdArray, axis: number | null, eps: number): { sq: Float64Array; dot: Float64Array } {
  const kept = axis === null ? 1 : v.shape[axis]!;
  const sq = new Float64Array(kept).fill(eps);
  const dot = new Float64Array(kept);
  for (let i = 0; i < v.data.length; i++) {
    const k = axis === null ? 0 : unravel(i, v.shape)[axis]!;
    sq[k]! += v.data[i]! * v.data[i]!;
    dot[k]! += gw.data[i]! * v.data[i]!;
  }
  return { sq, dot };
}

/** grad_g = Σ(gw·v) / ‖v‖ per kept index, shaped like g ([] for the whole tensor). */
export function weightNormGradGRef(v: NdArray, gw: NdArray, axis: number | null, eps = 0): NdArray {
  const { sq, dot } = rowSums(v, gw, axis, eps);
  const shape = axis === null ? [] : v.shape.map((d, i) => (i === axis ? d : 1));
  return nd(shape, Array.from(sq, (q, k) => dot[k]! / Math.sqrt(q)));
}

/** grad_v = (g/‖v‖)·gw − (g·gg/‖v‖²)·v; g and gg given flat, one value per kept index. */
export function weightNormGradVRef(v: NdArray, g: NdArray, gw: NdArray, gg: NdArray, axis: number | null, eps = 0): NdArray {
  const { sq } = rowSums(v, gw, axis, eps);
  const out = nd(v.shape);
  for (let i = 0; i < v.data.length; i++) {
    const k = axis === null ? 0 : unravel(i, v.shape)[axis]!;
    out.data[i] = (g.data[k]! / Math.sqrt(sq[k]!)) * gw.data[i]! - ((g.data[k]! * gg.data[k]!) / sq[k]!) * v.data[i]!;
  }
  return out;
}
