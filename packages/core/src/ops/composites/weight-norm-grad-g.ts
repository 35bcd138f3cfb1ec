import { reducedAxes } from '../../axis/norm-except-dim.js';
import type { OpAttrs, OpInputs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { cast } from '../cast.js';
import { reshape } from '../movement.js';

/** WeightNormGradG from primitives: Σ(gw·v) / sqrt(Σv² + eps) per kept index, float16 in float32. */
export function weightNormGradGComposite({ v, gw }: OpInputs<'WeightNormGradG', Tensor>, { axis, eps }: OpAttrs<'WeightNormGradG'>): Tensor {
  const axes = reducedAxes(v.ndim, axis);
  const vf = cast(v, 'float32');
  let sumSq = vf.mul(vf).sum(axes, true);
  if (eps > 0) sumSq = sumSq.add(eps);
  const s = cast(gw, 'float32').mul(vf).sum(axes, true);
  const out = s.div(sumSq.sqrt());
  return cast(axis === null ? reshape(out, []) : out, v.dtype);
}
