import { nd, offsetOf, unravel, type NdArray } from './nd-array.js';

function reduceRef(
  x: NdArray,
  axes: readonly number[],
  keepDims: boolean,
  init: number,
  combine: (acc: number, v: number) => number,
): NdArray {
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = nd(kept).data.fill(init);
  for (let i = 0; i < x.data.length; i++) {
    const coords = unravel(i, x.shape).map((c, a) => (axes.includes(a) ? 0 : c));
    const o = offsetOf(coords, kept);
    out[o] = combine(out[o]!, x.data[i]!);
  }
  return nd(keepDims ? kept : x.shape.filter((_, i) => !axes.includes(i)), out);
}

/** Sum over `axes` (non-negative, any order); an empty axis sums to 0. */
export function sumRef(x: NdArray, axes: readonly number[], keepDims = false): NdArray {
  return reduceRef(x, axes, keepDims, 0, (a, v) => a + v);
}

/** Max over `axes`; NaN propagates (torch.amax), an empty axis gives −Infinity (ops.ts). */
export function maxRef(x: NdArray, axes: readonly number[], keepDims = false): NdArray {
  return reduceRef(x, axes, keepDims, -Infinity, (a, v) => (Number.isNaN(a) || Number.isNaN(v) ? NaN : Math.max(a, v)));
}
