import type { ReduceOp } from '../backend/ops.js';
import { normalizeAxes } from '../axis/normalize-dim.js';
import { Tensor } from '../ir/tensor.js';
import { cast } from './cast.js';
import { div } from './elementwise.js';
import { reshape } from './movement.js';

function axesOf(axes: number | readonly number[] | undefined): readonly number[] | undefined {
  return typeof axes === 'number' ? [axes] : axes;
}

/**
 * Sum or max over `axes` (all axes when omitted), torch's `dim` wrapping. The kernel keeps reduced
 * axes as size 1; without keepDims a view drops them.
 */
export function reduce(op: ReduceOp, x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  const norm = normalizeAxes(axesOf(axes), x.ndim, { op: op.toLowerCase(), argument: 'axes' });
  const kept = x.shape.map((d, i) => (norm.includes(i) ? 1 : d));
  const out = norm.length === 0 ? x : new Tensor(op, [x], { axes: norm }, kept, x.dtype);
  return keepDims ? out : reshape(out, x.shape.filter((_, i) => !norm.includes(i)));
}

/** Arithmetic mean; integers are averaged as float32. */
export function mean(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  const norm = normalizeAxes(axesOf(axes), x.ndim, { op: 'mean', argument: 'axes' });
  const count = norm.reduce((n, a) => n * x.shape[a]!, 1);
  const xf = x.dtype === 'int32' ? cast(x, 'float32') : x;
  return div(reduce('Sum', xf, norm, keepDims), count);
}
