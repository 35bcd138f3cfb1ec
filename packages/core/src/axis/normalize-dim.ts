import { AxisError } from '../errors/axis-error.js';
import { ShapeError } from '../errors/shape-error.js';

/**
 * The inclusive range torch accepts for a dim of an `ndim`-d tensor.
 *
 * torch (c10::maybe_wrap_dim with wrap_scalar=true) treats a 0-d tensor as if it had one
 * dimension, so `x.sum(0)` and `x.sum(-1)` both work on a scalar; we copy that.
 */
function dimRange(ndim: number): readonly [number, number] {
  const n = Math.max(ndim, 1);
  return [-n, n - 1];
}

function describeRange(ndim: number): string {
  const [lo, hi] = dimRange(ndim);
  return `[${lo}, ${hi}] for a ${ndim}-d tensor`;
}

/** Rank is computed by us, not typed by a user, but a bad one would make every range check lie. */
function checkRank(ndim: number, op: string): void {
  if (!Number.isInteger(ndim) || ndim < 0) {
    throw new ShapeError({ op, argument: 'ndim', allowed: 'a non-negative integer rank', received: ndim });
  }
}

function isDimIn(dim: number, ndim: number): boolean {
  const [lo, hi] = dimRange(ndim);
  // Number.isInteger rejects NaN, ±Infinity and fractions; torch rejects them too (TypeError for
  // floats), so 1.0 passes only because JS cannot tell it apart from 1.
  return Number.isInteger(dim) && dim >= lo && dim <= hi;
}

/**
 * Wraps a PyTorch-style `dim` into an axis in `[0, ndim - 1]` (or `0` for a 0-d tensor).
 *
 * Negative dims count from the end as in torch: `-1` is the last axis, `-ndim` the first.
 * `where` names the public op and the argument the user wrote; `argument` defaults to `dim`,
 * the name torch uses for nearly every axis argument.
 *
 * @throws AxisError for a non-integer, NaN or out-of-range dim, e.g.
 *   `sum: dim must be an integer in [-3, 2] for a 3-d tensor; received 3`.
 *
 * @example
 * normalizeDim(-1, 3, { op: 'sum', argument: 'dim' }); // 2
 */
export function normalizeDim(dim: number, ndim: number, where: { op: string; argument?: string }): number {
  checkRank(ndim, where.op);
  if (!isDimIn(dim, ndim)) {
    throw new AxisError({
      op: where.op,
      argument: where.argument ?? 'dim',
      allowed: `an integer in ${describeRange(ndim)}`,
      received: dim,
    });
  }
  const n = Math.max(ndim, 1);
  // `+ 0` turns -0 into 0 so callers comparing with Object.is (or vitest's toBe) see one zero.
  return (dim < 0 ? dim + n : dim) + 0;
}

/**
 * Wraps a list of dims, as torch does for `sum(dim=[...])`, `norm(dim=[...])` and friends.
 *
 * - `undefined` means every axis, the torch default when `dim` is omitted.
 * - An empty list stays empty (no axes). torch's historical "empty dim list reduces everything"
 *   is deprecated, and it is safer to make callers say `undefined` when they mean it.
 * - The same axis twice after wrapping (`[1, -2]` on a 3-d tensor) is an error, as in torch
 *   ("dim 1 appears multiple times in the list of dims").
 *
 * The result is sorted ascending so reductions visit axes in a fixed order.
 *
 * @example
 * const axes = normalizeAxes([-1, 0], x.ndim, { op: 'sum', argument: 'dim' });
 */
export function normalizeAxes(
  axes: readonly number[] | undefined,
  ndim: number,
  where: { op: string; argument?: string },
): number[] {
  checkRank(ndim, where.op);
  if (axes === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const argument = where.argument ?? 'dim';
  const allowed = `a list of distinct integers in ${describeRange(ndim)}`;
  const seen = new Set<number>();
  for (const dim of axes) {
    // Report the whole list, not the one entry: the user wrote the list, and an entry alone
    // cannot show a duplicate.
    if (!isDimIn(dim, ndim)) throw new AxisError({ op: where.op, argument, allowed, received: axes });
    const axis = normalizeDim(dim, ndim, where);
    if (seen.has(axis)) throw new AxisError({ op: where.op, argument, allowed, received: axes });
    seen.add(axis);
  }
  return [...seen].sort((a, b) => a - b);
}
