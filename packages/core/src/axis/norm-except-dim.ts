import { AxisError } from '../errors/axis-error.js';
import { ShapeError } from '../errors/shape-error.js';

/**
 * Resolves torch weight_norm's `dim` into the axis whose size `g` keeps, or `null` for
 * "one norm over the whole tensor, `g` is 0-d".
 *
 * This is NOT ordinary dim wrapping. torch 1.13's `WeightNorm.__init__`
 * (torch/nn/utils/weight_norm.py) turns `dim=None` into `-1`, and `norm_except_dim`
 * (aten/src/ATen/native/WeightNorm.cpp) checks `dim == -1` before anything else and then
 * returns `v.norm(pow)`, the norm of the whole tensor. So `-1` never means the last axis here;
 * users who want the last axis must write `ndim - 1`.
 *
 * Every other negative dim wraps, because norm_except_dim's general branch calls
 * `v.transpose(0, dim)`, and transpose wraps negatives as usual: `-2` on a 3-d weight keeps
 * axis 1, `-3` keeps axis 0. A dim outside `[-ndim, ndim - 1]` makes that transpose raise
 * "Dimension out of range", which we report up front with the same range.
 *
 * @throws ShapeError for a 0-d weight: torch's `dim == 0` branch calls `v.size(0)` and fails,
 *   and its whole-tensor branch cannot be fed back through `_weight_norm`, so no dim works.
 * @throws AxisError for a non-integer or out-of-range dim, e.g.
 *   `weightNorm: dim must be an integer in [-3, 2] for a 3-d weight; received 3`.
 *
 * @example
 * weightNormAxis(-1, 3); // null: torch's dim=-1 means one norm over the whole weight
 */
export function weightNormAxis(dim: number | null, ndim: number, op = 'weightNorm'): number | null {
  if (!Number.isInteger(ndim) || ndim < 0) {
    throw new ShapeError({ op, argument: 'ndim', allowed: 'a non-negative integer rank', received: ndim });
  }
  if (ndim === 0) {
    // The received value is the weight's shape, which for a 0-d tensor is [].
    throw new ShapeError({ op, argument: 'weight', allowed: 'a tensor with at least 1 dimension', received: [] });
  }
  // Mirror torch's order: None becomes -1 first, then -1 short-circuits to the whole tensor.
  const d = dim ?? -1;
  if (!Number.isInteger(d) || d < -ndim || d > ndim - 1) {
    throw new AxisError({
      op,
      argument: 'dim',
      allowed: `an integer in [${-ndim}, ${ndim - 1}] for a ${ndim}-d weight`,
      received: dim,
    });
  }
  if (d === -1) return null;
  // `+ 0` folds -0 into 0 (Number.isInteger(-0) is true), so callers see a single zero.
  return (d < 0 ? d + ndim : d) + 0;
}

function checkAxis(ndim: number, axis: number | null, op: string): void {
  if (axis !== null && !(Number.isInteger(axis) && axis >= 0 && axis < ndim)) {
    // These helpers take the axis weightNormAxis already resolved, so a negative or too-large one
    // is a caller bug rather than user input; still name the range so the bug is easy to find.
    throw new AxisError({
      op,
      argument: 'axis',
      allowed: `null or an integer in [0, ${ndim - 1}] for a ${ndim}-d weight`,
      received: axis,
    });
  }
}

/**
 * The shape of weight norm's `g` (and of the norm itself) for a weight of `shape`.
 *
 * torch's norm_except_dim keeps the rank: for dim 0 it views the result as
 * `[size(0), 1, 1, …]`, for the last dim as `[1, …, 1, size(-1)]`, and the transpose branch
 * yields the same pattern for a middle axis. So a `[4, 3, 5]` weight gives `[4, 1, 1]` for axis 0
 * and `[1, 3, 1]` for axis 1. The whole-tensor case (`dim=-1`/`None`) returns `v.norm(pow)`,
 * which is 0-d: shape `[]`, not `[1, 1, 1]`. Checkpoints store `weight_g` with exactly these
 * shapes, so they must match for state dicts to load.
 *
 * @example
 * normExceptDimShape([512, 80, 7], 0); // [512, 1, 1]
 */
export function normExceptDimShape(shape: readonly number[], axis: number | null): number[] {
  checkAxis(shape.length, axis, 'normExceptDimShape');
  if (axis === null) return [];
  return shape.map((size, i) => (i === axis ? size : 1));
}

/**
 * The axes weight norm sums squares over: every axis but the kept one, or all of them for the
 * whole-tensor norm. Ascending, to fix a reduction order backends can agree on.
 *
 * @example
 * reducedAxes(3, 0); // [1, 2]
 */
export function reducedAxes(ndim: number, axis: number | null): number[] {
  if (!Number.isInteger(ndim) || ndim < 0) {
    throw new ShapeError({
      op: 'reducedAxes',
      argument: 'ndim',
      allowed: 'a non-negative integer rank',
      received: ndim,
    });
  }
  checkAxis(ndim, axis, 'reducedAxes');
  return Array.from({ length: ndim }, (_, i) => i).filter((i) => i !== axis);
}
