import { normExceptDimShape, reducedAxes, weightNormAxis } from '../axis/norm-except-dim.js';
import { promoteTypes } from '../dtype/dtype.js';
import { ShapeError } from '../errors/index.js';
import { Tensor } from '../ir/tensor.js';
import { formatShape, sameShape } from '../shape/shape.js';
import { cast } from './cast.js';
import { reshape } from './movement.js';

/**
 * Options of `normalizeWeight`: torch's `dim`, an optional `eps` inside the norm, and the op name
 * used in error messages.
 *
 * @example
 * normalizeWeight(v, g, { dim: null }); // one norm over the whole weight
 */
export interface WeightNormOptions {
  /** torch's `dim`: 0 by default; null or -1 normalize over the whole tensor (g is 0-d). */
  dim?: number | null;
  /**
   * 0 (default) is torch: a zero row gives NaN. A positive eps uses sqrt(Σv² + eps), as flax does,
   * so zero rows give zeros.
   */
  eps?: number;
  op?: string;
}

/**
 * w = g · v / ‖v‖ with the norm over every axis but `dim`, as one fused op
 * (torch._weight_norm). g has v's rank with size 1 off `dim`; a 1-d g of the kept size is
 * accepted too.
 *
 * @example
 * const w = normalizeWeight(v, g, { dim: 0 });
 */
export function normalizeWeight(v: Tensor, g: Tensor, opts: WeightNormOptions = {}): Tensor {
  const op = opts.op ?? 'normalizeWeight';
  const axis = weightNormAxis(opts.dim === undefined ? 0 : opts.dim, v.ndim, op);
  const eps = opts.eps ?? 0;
  if (!(typeof eps === 'number' && eps >= 0 && Number.isFinite(eps))) {
    throw new ShapeError({ op, argument: 'eps', allowed: 'a finite number ≥ 0', received: eps });
  }
  const gShape = normExceptDimShape(v.shape, axis);
  let gk = g;
  if (!sameShape(g.shape, gShape)) {
    const kept = axis === null ? 1 : v.shape[axis]!;
    // torch stores g with v's rank; also take the flat [kept] (or any one-element g for dim=None).
    const flatOk = axis === null ? g.size === 1 : g.ndim === 1 && g.size === kept;
    if (!flatOk) {
      throw new ShapeError({
        op,
        argument: 'g',
        allowed: `shape ${formatShape(gShape)} (or [${kept}]) for v ${formatShape(v.shape)} and dim ${opts.dim === undefined ? 0 : opts.dim}`,
        received: [...g.shape],
      });
    }
    gk = reshape(g, gShape);
  }
  const dtype = promoteTypes(v.dtype, g.dtype);
  return new Tensor('WeightNorm', [cast(v, dtype), cast(gk, dtype)], { axis, eps }, v.shape, dtype);
}

/**
 * torch.norm_except_dim(v, 2, dim): the L2 norm over every axis but `dim`, shaped like g
 * (this is how weight_norm initializes g). float16 is summed in float32.
 *
 * @example
 * const n = normExceptDim(v, 0); // [out, 1, 1] for a Conv1d weight
 */
export function normExceptDim(v: Tensor, dim: number | null = 0): Tensor {
  const axis = weightNormAxis(dim, v.ndim, 'normExceptDim');
  const vf = v.dtype === 'float32' ? v : cast(v, 'float32');
  const norm = vf.mul(vf).sum(reducedAxes(v.ndim, axis), true).sqrt();
  return cast(reshape(norm, normExceptDimShape(v.shape, axis)), v.dtype === 'int32' ? 'float32' : v.dtype);
}
