import type { Tensor } from '../../ir/tensor.js';
import { conv } from '../../ops/conv.js';
import { narrow, permute, reshape } from '../../ops/movement.js';
import { convWeightGradGemm } from './conv-weight-grad-gemm.js';

/**
 * ∂/∂w of Σ(conv(x, w)·gy) for w [G·og, cg, *k]. With one group it is a single GEMM over the
 * input's columns (convWeightGradGemm). With several it is one Conv with the roles swapped: the input's
 * channels become the batch, the batch becomes the channels (per group), gy is the kernel, and
 * stride and dilation trade places. x [N, G·cg, *S] and gy [N, G·og, *S'].
 *
 *   gw[g·og+o, c, t] = Σ_n Σ_p gy[n, g·og+o, p] · xpad[n, g·cg+c, p·stride + t·dilation]
 *
 * The swapped conv yields at least k taps per axis (more when the last input positions were not
 * reached by the forward's stride); the first k are the weight's.
 */
export function convWeightGrad(
  x: Tensor,
  gy: Tensor,
  kernel: readonly number[],
  stride: readonly number[],
  padding: readonly (readonly [number, number])[],
  dilation: readonly number[],
  groups: number,
): Tensor {
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
  let r = conv(xs, ws, null, { stride: [...dilation], dilation: [...stride], padding: padding.map((p): [number, number] => [p[0], p[1]]), groups });
  kernel.forEach((k, i) => {
    if (r.shape[2 + i] !== k) r = narrow(r, 2 + i, 0, k);
  });
  // [cg, G·og, *k] → [G·og, cg, *k]
  return permute(r, [1, 0, ...kernel.map((_, i) => 2 + i)]);
}
