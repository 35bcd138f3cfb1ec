import { reducedAxes } from '../../axis/norm-except-dim.js';
import type { OpAttrs, OpInputs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { cast } from '../cast.js';
import { reshape } from '../movement.js';

/** WeightNorm from primitives, in torch's order: v · (g / sqrt(Σv²)), float16 summed in float32. */
export function weightNormComposite({ v, g }: OpInputs<'WeightNorm', Tensor>, { axis, eps }: OpAttrs<'WeightNorm'>): Tensor {
  const vf = cast(v, 'float32');
  let sumSq = vf.mul(vf).sum(reducedAxes(v.ndim, axis), true);
  if (eps > 0) sumSq = sumSq.add(eps);
  const gf = cast(axis === null ? reshape(g, v.shape.map(() => 1)) : g, 'float32');
  return cast(vf.mul(gf.div(sumSq.sqrt())), v.dtype);
}
