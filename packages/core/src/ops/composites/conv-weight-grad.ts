import type { OpAttrs, OpInputs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { conv } from '../conv.js';
import { scalar } from '../create.js';
import { matmul } from '../matmul.js';
import { concat, expand, narrow, pad, permute, reshape, sliceRaw } from '../movement.js';

/**
 * ∂/∂w of Σ(conv(x, w)·gy) for one group as a single GEMM, the way torch's CPU backward does it:
 * gw[O, C·k] = gy[O, N·P] · cols[N·P, C·k], cols being the im2col of the padded input. x goes
 * channels-last once, so each tap's columns are one strided Slice [N, *S', C] and the taps
 * concatenate into rows. x [N, C, *S], gy [N, O, *S'] → [O, C, *k].
 */
function convWeightGradGemm(
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

/**
 * ConvWeightGrad from primitives: ∂/∂w of Σ(conv(x, w)·gy) for w [G·og, cg, *k]. With one group
 * it is a single GEMM over the input's columns (convWeightGradGemm). With several it is one Conv
 * with the roles swapped: the input's channels become the batch, the batch becomes the channels
 * (per group), gy is the kernel, and stride and dilation trade places. x [N, G·cg, *S] and
 * gy [N, G·og, *S'].
 *
 *   gw[g·og+o, c, t] = Σ_n Σ_p gy[n, g·og+o, p] · xpad[n, g·cg+c, p·stride + t·dilation]
 *
 * The swapped conv yields at least k taps per axis (more when the last input positions were not
 * reached by the forward's stride); the first k are the weight's.
 */
export function convWeightGradComposite({ x, gy }: OpInputs<'ConvWeightGrad', Tensor>, attrs: OpAttrs<'ConvWeightGrad'>): Tensor {
  const { kernel, stride, dilation, groups } = attrs;
  const outShape = [gy.shape[1]!, x.shape[1]! / groups, ...kernel];
  if (x.size === 0 || gy.size === 0) return expand(scalar(0, x.dtype), outShape);
  // The op lets gy's last positions read past x's end (as zeros), whatever padding after says:
  // pad enough after that every position p·stride + t·dilation exists in the padded input.
  const padding = attrs.padding.map(([before, after], i): [number, number] => {
    const reach = (gy.shape[2 + i]! - 1) * stride[i]! + (kernel[i]! - 1) * dilation[i]! + 1;
    return [before, Math.max(after, reach - before - x.shape[2 + i]!)];
  });
  // The swapped conv batches over input channels with the kernel taps as its output positions:
  // for a wide single-group layer (512→512, k3) that is 512 GEMMs three columns wide, about 3×
  // the forward's time on cpu, while the one big GEMM costs what the forward does.
  if (groups === 1) return convWeightGradGemm(x, gy, kernel, stride, padding, dilation);
  const n = x.shape[0]!;
  const cg = x.shape[1]! / groups;
  const og = gy.shape[1]! / groups;
  const spatial = kernel.map((_, i) => 3 + i);
  // [N, G, cg, *S] → [cg, G, N, *S] → [cg, G·N, *S]
  const xs = reshape(permute(reshape(x, [n, groups, cg, ...x.shape.slice(2)]), [2, 1, 0, ...spatial]), [
    cg,
    groups * n,
    ...x.shape.slice(2),
  ]);
  // [N, G, og, *S'] → [G, og, N, *S'] → [G·og, N, *S']
  const ws = reshape(permute(reshape(gy, [n, groups, og, ...gy.shape.slice(2)]), [1, 2, 0, ...spatial]), [
    groups * og,
    n,
    ...gy.shape.slice(2),
  ]);
  let r = conv(xs, ws, null, { stride: [...dilation], dilation: [...stride], padding, groups });
  kernel.forEach((k, i) => {
    if (r.shape[2 + i] !== k) r = narrow(r, 2 + i, 0, k);
  });
  // [cg, G·og, *k] → [G·og, cg, *k]
  return permute(r, [1, 0, ...kernel.map((_, i) => 2 + i)]);
}
