import type { Tensor } from '../ir/tensor.js';
import { reshape } from '../ops/movement.js';

/**
 * Undoes broadcasting in a cotangent: sums the axes where `shape` has 1 and the cotangent does
 * not (binary inputs already have the output's rank, as core reshapes them), and any extra
 * leading axes.
 */
export function sumToShape(c: Tensor, shape: readonly number[]): Tensor {
  const lead = c.ndim - shape.length;
  const axes = c.shape.flatMap((d, i) => (i < lead || (shape[i - lead] === 1 && d !== 1) ? [i] : []));
  const summed = axes.length === 0 ? c : c.sum(axes, true);
  return summed.ndim === shape.length ? summed : reshape(summed, shape);
}
