import type { Tensor } from '../../ir/tensor.js';
import { matmul } from '../../ops/matmul.js';
import { concat, pad, permute, reshape, sliceRaw } from '../../ops/movement.js';

/**
 * ∂/∂w of Σ(conv(x, w)·gy) for one group as a single GEMM, the way torch's CPU backward does it:
 * gw[O, C·k] = gy[O, N·P] · cols[N·P, C·k], cols being the im2col of the padded input. x goes
 * channels-last once, so each tap's columns are one strided Slice [N, *S', C] and the taps
 * concatenate into rows. x [N, C, *S], gy [N, O, *S'] → [O, C, *k].
 */
export function convWeightGradGemm(
  x: Tensor,
  gy: Tensor,
  kernel: readonly number[],
  stride: readonly number[],
  padding: readonly (readonly [number, number])[],
  dilation: readonly number[],
): Tensor {
  const [n, c] = x.shape as [number, number];
  const o = gy.shape[1]!;
  const outSpatial = gy.shape.slice(2);
  const positions = outSpatial.reduce((a, b) => a * b, 1);
  const spatial = kernel.map((_, i) => 2 + i);
  const xp = pad(x, [[0, 0], [0, 0], ...padding.map((p): [number, number] => [p[0], p[1]])]);
  const xLast = permute(xp, [0, ...spatial, 1]); // [N, *Spad, C]
  let taps: number[][] = [[]];
  for (const k of kernel) taps = taps.flatMap((t) => Array.from({ length: k }, (_, j) => [...t, j]));
  const columns = taps.map((t) =>
    reshape(
      sliceRaw(xLast, [0, ...t.map((j, i) => j * dilation[i]!), 0], [1, ...stride, 1], [n, ...outSpatial, c]),
      [n * positions, 1, c],
    ),
  );
  const cols = reshape(taps.length === 1 ? columns[0]! : concat(columns, 1), [n * positions, taps.length * c]);
  // gy [N, O, P] → [O, N·P]; a batch of one is already in that order.
  const gyRows = n === 1 ? reshape(gy, [o, positions]) : reshape(permute(reshape(gy, [n, o, positions]), [1, 0, 2]), [o, n * positions]);
  const gw = reshape(matmul(gyRows, cols), [o, ...kernel, c]); // [O, *k, C]
  return permute(gw, [0, kernel.length + 1, ...kernel.map((_, i) => 1 + i)]);
}
