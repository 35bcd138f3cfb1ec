import type { OpAttrs, OpInputs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { conv } from '../conv.js';
import { flip, narrow, pad, permute, reshape, unsqueeze } from '../movement.js';

/** Spreads axis `axis` out by `stride`: stride−1 zeros between neighbours (none after the last). */
function dilateAxis(x: Tensor, axis: number, stride: number): Tensor {
  if (stride === 1) return x;
  const len = x.shape[axis]!;
  const lifted = unsqueeze(x, axis + 1);
  const spread = pad(lifted, lifted.shape.map((_, i): [number, number] => (i === axis + 1 ? [0, stride - 1] : [0, 0])));
  const merged = reshape(spread, [...x.shape.slice(0, axis), len * stride, ...x.shape.slice(axis + 1)]);
  return narrow(merged, axis, 0, (len - 1) * stride + 1);
}

/**
 * ConvTranspose from primitives: a transposed conv is a stride-1 conv over the input with
 * stride−1 zeros inserted, padded by dilation·(k−1) − padding (+ outputPadding after), with the
 * weight flipped and its in/out axes swapped per group.
 */
export function convTransposeComposite(
  { x, w, b }: OpInputs<'ConvTranspose', Tensor>,
  attrs: OpAttrs<'ConvTranspose'>,
): Tensor {
  const { stride, padding, outputPadding, dilation, groups } = attrs;
  const [cin, og, ...kernel] = w.shape as number[];
  const cg = cin! / groups;
  const spatialAxes = kernel.map((_, i) => 2 + i);
  // [G·cg, og, *k] → [G, cg, og, *k] → [G, og, cg, *k] → [G·og, cg, *k], then flip the kernel.
  const wg = reshape(
    permute(reshape(w, [groups, cg, og!, ...kernel]), [0, 2, 1, ...kernel.map((_, i) => 3 + i)]),
    [groups * og!, cg, ...kernel],
  );
  const wf = flip(wg, spatialAxes);

  let xd = x;
  spatialAxes.forEach((axis, i) => (xd = dilateAxis(xd, axis, stride[i]!)));
  // Negative amounts crop instead of pad (padding larger than the dilated kernel reach).
  const before = kernel.map((k, i) => dilation[i]! * (k - 1) - padding[i]!);
  const after = kernel.map((k, i) => dilation[i]! * (k - 1) - padding[i]! + outputPadding[i]!);
  xd = pad(xd, [[0, 0], [0, 0], ...kernel.map((_, i) => [Math.max(before[i]!, 0), Math.max(after[i]!, 0)] as [number, number])]);
  spatialAxes.forEach((axis, i) => {
    const cropBefore = Math.max(-before[i]!, 0);
    const cropAfter = Math.max(-after[i]!, 0);
    if (cropBefore || cropAfter) xd = narrow(xd, axis, cropBefore, xd.shape[axis]! - cropBefore - cropAfter);
  });
  return conv(xd, wf, b ?? null, { stride: 1, padding: 0, dilation, groups, op: 'convTranspose' });
}
