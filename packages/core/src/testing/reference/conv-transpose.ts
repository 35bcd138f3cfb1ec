import { allCoords, nd, offsetOf, type NdArray } from './nd-array.js';

export interface ConvTransposeRefOptions {
  stride: readonly number[];
  padding: readonly number[];
  outputPadding: readonly number[];
  dilation: readonly number[];
  groups: number;
}

/**
 * Direct transposed convolution by scatter, the definition torch documents: input position s of
 * channel ci adds x·w[ci, co, tap] to output position s·stride − padding + tap·dilation of each
 * output channel co of ci's group; positions outside the output are dropped.
 * x [N, Cin, *S], w [Cin, O/groups, *k], b [O].
 */
export function convTransposeRef(x: NdArray, w: NdArray, b: NdArray | null, opts: ConvTransposeRefOptions): NdArray {
  const { stride, padding, outputPadding, dilation, groups } = opts;
  const [n, cin, ...size] = x.shape as number[];
  const [, og, ...kernel] = w.shape as number[];
  const cg = cin! / groups;
  const o = og! * groups;
  const outSize = kernel.map(
    (k, i) => (size[i]! - 1) * stride[i]! - 2 * padding[i]! + dilation[i]! * (k - 1) + outputPadding[i]! + 1,
  );
  const out = nd([n!, o, ...outSize]);
  const positions = allCoords(size);
  const taps = allCoords(kernel);
  for (let bi = 0; bi < n!; bi++) {
    for (let ci = 0; ci < cin!; ci++) {
      const g = Math.floor(ci / cg);
      for (const pos of positions) {
        const xv = x.data[offsetOf([bi, ci, ...pos], x.shape)]!;
        for (let col = 0; col < og!; col++) {
          for (const tap of taps) {
            const dst = pos.map((p, i) => p * stride[i]! - padding[i]! + tap[i]! * dilation[i]!);
            if (dst.some((d, i) => d < 0 || d >= outSize[i]!)) continue;
            out.data[offsetOf([bi, g * og! + col, ...dst], out.shape)]! += xv * w.data[offsetOf([ci, col, ...tap], w.shape)]!;
          }
        }
      }
    }
  }
  if (b) {
    const per = out.data.length / (n! * o);
    for (let i = 0; i < out.data.length; i++) out.data[i]! += b.data[Math.floor(i / per) % o]!;
  }
  return out;
}
