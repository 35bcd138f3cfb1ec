import { nd, unravel, type NdArray } from './nd-array.js';

/** The sums of squares over every axis but `axis` (one sum for null), indexed by the kept coordinate. */
function sumsOfSquares(v: NdArray, axis: number | null): Float64Array {
  const kept = axis === null ? 1 : v.shape[axis]!;
  const sums = new Float64Array(kept);
  for (let i = 0; i < v.data.length; i++) {
    const k = axis === null ? 0 : unravel(i, v.shape)[axis]!;
    sums[k]! += v.data[i]! * v.data[i]!;
  }
  return sums;
}

/**
 * torch._weight_norm: w = v · g / ‖v‖, the L2 norm over every axis but `axis` (null: the whole
 * tensor, g one value). g is given flat, one value per kept index. With eps the norm is
 * sqrt(Σv² + eps); eps = 0 leaves a zero row as 0·g/0 = NaN, as torch does.
 */
export function weightNormRef(v: NdArray, g: NdArray, axis: number | null, eps = 0): NdArray {
  const sums = sumsOfSquares(v, axis);
  const out = nd(v.shape);
  for (let i = 0; i < v.data.length; i++) {
    const k = axis === null ? 0 : unravel(i, v.shape)[axis]!;
    out.data[i] = v.data[i]! * (g.data[k]! / Math.sqrt(sums[k]! + eps));
  }
  return out;
}

/** torch.norm_except_dim(v, 2, dim), shaped like g: the kept axis in place, 1 elsewhere ([] for null). */
export function normExceptDimRef(v: NdArray, axis: number | null): NdArray {
  const sums = sumsOfSquares(v, axis);
  const shape = axis === null ? [] : v.shape.map((d, i) => (i === axis ? d : 1));
  return nd(shape, Array.from(sums, Math.sqrt));
}
