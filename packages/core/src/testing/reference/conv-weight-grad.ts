import { allCoords, nd, offsetOf, type NdArray } from './nd-array.js';

export interface ConvWeightGradRefOptions {
  kernel: readonly number[];
  stride: readonly number[];
  /** [before, after] per spatial axis; only `before` places the taps. */
  padding: readonly (readonly [number, number])[];
  dilation: readonly number[];
  groups: number;
}

/**
 * Conv's weight gradient by its definition: gw[g·og+o, c, t] = Σ_n Σ_p gy[n, g·og+o, p] ·
 * x[n, g·cg+c, p·stride + t·dilation − padBefore], x positions outside x counting as zero.
 * x [N, G·cg, *S], gy [N, G·og, *P] → [G·og, cg, *kernel].
 */
export function convWeightGradRef(x: NdArray, gy: NdArray, opts: ConvWeightGradRefOptions): NdArray {
  const { kernel, stride, padding, dilation, groups } = opts;
  const [n, c, ...size] = x.shape as number[];
  const [, o, ...positions] = gy.shape as number[];
  const cg = c! / groups;
  const og = o! / groups;
  const out = nd([o!, cg, ...kernel]);
  const points = allCoords(positions);
  let at = 0;
  for (let co = 0; co < o!; co++) {
    const g = Math.floor(co / og);
    for (let ci = 0; ci < cg; ci++) {
      for (const tap of allCoords(kernel)) {
        let acc = 0;
        for (let bi = 0; bi < n!; bi++) {
          for (const p of points) {
            const src = p.map((q, i) => q * stride[i]! + tap[i]! * dilation[i]! - padding[i]![0]);
            if (src.some((s, i) => s < 0 || s >= size[i]!)) continue;
            acc += gy.data[offsetOf([bi, co, ...p], gy.shape)]! * x.data[offsetOf([bi, g * cg + ci, ...src], x.shape)]!;
          }
        }
        out.data[at++] = acc;
      }
    }
  }
  return out;
}
