import { allCoords, nd, offsetOf, type NdArray } from './nd-array.js';

export interface ConvRefOptions {
  stride: readonly number[];
  /** [before, after] zero padding per spatial axis. */
  padding: readonly (readonly [number, number])[];
  dilation: readonly number[];
  groups: number;
}

/**
 * Direct N-d convolution (cross-correlation, as torch): x [N, C, *S], w [O, C/groups, *k], b [O].
 * Every output is a plain sum over its group's channels and the kernel taps that land inside x.
 */
export function convRef(x: NdArray, w: NdArray, b: NdArray | null, opts: ConvRefOptions): NdArray {
  const { stride, padding, dilation, groups } = opts;
  const [n, c, ...size] = x.shape as number[];
  const [o, cg, ...kernel] = w.shape as number[];
  if (cg! * groups !== c) throw new Error('reference conv: channels do not match groups');
  const outSize = kernel.map((k, i) =>
    Math.floor((size[i]! + padding[i]![0] + padding[i]![1] - dilation[i]! * (k - 1) - 1) / stride[i]!) + 1,
  );
  const og = o! / groups;
  const positions = allCoords(outSize);
  const taps = allCoords(kernel);
  const out = nd([n!, o!, ...outSize]);
  let at = 0;
  for (let bi = 0; bi < n!; bi++) {
    for (let co = 0; co < o!; co++) {
      const g = Math.floor(co / og);
      for (const pos of positions) {
        let acc = b ? b.data[co]! : 0;
        for (let ci = 0; ci < cg!; ci++) {
          for (const tap of taps) {
            const src = pos.map((p, i) => p * stride[i]! - padding[i]![0] + tap[i]! * dilation[i]!);
            if (src.some((s, i) => s < 0 || s >= size[i]!)) continue;
            acc += x.data[offsetOf([bi, g * cg! + ci, ...src], x.shape)]! * w.data[offsetOf([co, ci, ...tap], w.shape)]!;
          }
        }
        out.data[at++] = acc;
      }
    }
  }
  return out;
}
