import type { OpAttrs, OpInputs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { matmul } from '../matmul.js';
import { concat, narrow, pad, reshape, sliceRaw } from '../movement.js';

/** Every kernel offset tuple, row-major (the order of the weight's flattened kernel axes). */
function kernelOffsets(kernel: readonly number[]): number[][] {
  let taps: number[][] = [[]];
  for (const k of kernel) taps = taps.flatMap((t) => Array.from({ length: k }, (_, j) => [...t, j]));
  return taps;
}

/**
 * Conv from primitives by im2col: one strided slice of the padded input per kernel tap, stacked
 * into columns [N, C/g·Πk, ΠS'] and multiplied by each group's weight. Slow, but needs only
 * Pad, Slice, Concat and MatMul, so any backend gets every conv for free.
 */
export function convComposite({ x, w, b }: OpInputs<'Conv', Tensor>, attrs: OpAttrs<'Conv'>): Tensor {
  const { stride, padding, dilation, groups } = attrs;
  const n = x.shape[0]!;
  const [o, cg, ...kernel] = w.shape as number[];
  const xp = pad(x, [[0, 0], [0, 0], ...padding]);
  const outSpatial = kernel.map((k, i) => Math.floor((xp.shape[2 + i]! - dilation[i]! * (k - 1) - 1) / stride[i]!) + 1);
  const positions = outSpatial.reduce((p, s) => p * s, 1);
  const taps = kernelOffsets(kernel);
  const og = o! / groups;
  const ys: Tensor[] = [];
  for (let gi = 0; gi < groups; gi++) {
    const xg = groups === 1 ? xp : narrow(xp, 1, gi * cg!, cg!);
    const columns = taps.map((t) =>
      reshape(
        sliceRaw(xg, [0, 0, ...t.map((j, i) => j * dilation[i]!)], [1, 1, ...stride], [n, cg!, ...outSpatial]),
        [n, cg!, 1, positions],
      ),
    );
    const cols = reshape(concat(columns, 2), [n, cg! * taps.length, positions]);
    const wg = reshape(groups === 1 ? w : narrow(w, 0, gi * og, og), [og, cg! * taps.length]);
    ys.push(matmul(wg, cols));
  }
  let y = reshape(concat(ys, 1), [n, o!, ...outSpatial]);
  if (b) y = y.add(reshape(b, [1, o!, ...outSpatial.map(() => 1)]));
  return y;
}
