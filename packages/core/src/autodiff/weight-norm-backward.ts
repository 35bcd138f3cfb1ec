import { normExceptDimShape, weightNormAxis } from '../axis/norm-except-dim.js';
import { ShapeError } from '../errors/index.js';
import { Tensor } from '../ir/tensor.js';
import { cast } from '../ops/cast.js';
import { reshape } from '../ops/movement.js';
import { formatShape, sameShape } from '../shape/shape.js';

/**
 * Options of `weightNormBackward`: the same `dim` and `eps` the forward used.
 *
 * @example
 * const { gradV, gradG } = weightNormBackward(v, g, gradW, { dim: 0 });
 */
export interface WeightNormBackwardOptions {
  /** torch's `dim` (0 by default; null or -1: one norm over the whole tensor). */
  dim?: number | null;
  eps?: number;
}

/** @internal Builds the two fused backward nodes for an already-resolved axis (what the vjp uses). */
export function weightNormBackwardNodes(
  v: Tensor,
  g: Tensor,
  gw: Tensor,
  axis: number | null,
  eps: number,
): { gradV: Tensor; gradG: Tensor } {
  const attrs = { axis, eps };
  const gradG = new Tensor('WeightNormGradG', [v, gw], attrs, normExceptDimShape(v.shape, axis), v.dtype);
  const gradV = new Tensor('WeightNormGradV', [v, g, gw, gradG], attrs, v.shape, v.dtype);
  return { gradV, gradG };
}

/**
 * The fused weight-norm backward: given w = g·v/‖v‖ and the gradient `gradW` of a loss wrt w,
 * returns grad_g = s/‖v‖ and grad_v = (g/‖v‖)·gradW − (g·s/‖v‖³)·v, s = Σ(gradW·v) over the
 * normed axes (torch's `_weight_norm_interface_backward`, as two lazy nodes).
 *
 * @example
 * const { gradV, gradG } = weightNormBackward(v, g, gradW, { dim: 0 });
 */
export function weightNormBackward(
  v: Tensor,
  g: Tensor,
  gradW: Tensor,
  opts: WeightNormBackwardOptions = {},
): { gradV: Tensor; gradG: Tensor } {
  const op = 'weightNormBackward';
  const axis = weightNormAxis(opts.dim === undefined ? 0 : opts.dim, v.ndim, op);
  const eps = opts.eps ?? 0;
  if (!(typeof eps === 'number' && eps >= 0 && Number.isFinite(eps))) {
    throw new ShapeError({ op, argument: 'eps', allowed: 'a finite number ≥ 0', received: eps });
  }
  const gShape = normExceptDimShape(v.shape, axis);
  // As normalizeWeight: g in torch's stored shape, or flat with one value per kept index.
  if (!sameShape(g.shape, gShape) && g.size !== (axis === null ? 1 : v.shape[axis]!)) {
    throw new ShapeError({ op, argument: 'g', allowed: `shape ${formatShape(gShape)} for v ${formatShape(v.shape)}`, received: [...g.shape] });
  }
  if (!sameShape(gradW.shape, v.shape)) {
    throw new ShapeError({ op, argument: 'gradW', allowed: `v's shape ${formatShape(v.shape)}`, received: [...gradW.shape] });
  }
  const dtype = v.dtype === 'int32' ? 'float32' : v.dtype;
  return weightNormBackwardNodes(cast(v, dtype), cast(reshape(g, gShape), dtype), cast(gradW, dtype), axis, eps);
}
