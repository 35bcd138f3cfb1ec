import { reducedAxes } from '../../axis/norm-except-dim.js';
import type { OpAttrs, OpInputs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { cast } from '../cast.js';
import { reshape } from '../movement.js';

/** WeightNormGradV from primitives: (g/n)·gw − (g·gg/n²)·v with n² = Σv² + eps, float16 in float32. */
export function weightNormGradVComposite(
  { v, g, gw, gg }: OpInputs<'WeightNormGradV', Tensor>,
  { axis, eps }: OpAttrs<'WeightNormGradV'>,
): Tensor {
  const vf = cast(v, 'float32');
  let sumSq = vf.mul(vf).sum(reducedAxes(v.ndim, axis), true);
  if (eps > 0) sumSq = sumSq.add(eps);
  const keptShape = v.shape.map(() => 1);
  const gf = cast(axis === null ? reshape(g, keptShape) : g, 'float32');
  const ggf = cast(axis === null ? reshape(gg, keptShape) : gg, 'float32');
  const out = cast(gw, 'float32').mul(gf.div(sumSq.sqrt())).sub(vf.mul(gf.mul(ggf).div(sumSq)));
  return cast(out, v.dtype);
}
