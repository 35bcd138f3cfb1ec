import { reducedAxes } from '../../axis/norm-except-dim.js';
import type { OpAttrs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { reshape } from '../../ops/movement.js';
import type { VjpRule } from '../vjp-rule.js';
import { weightNormBackwardNodes } from '../weight-norm-backward.js';

/** The forward's cotangent goes through the fused backward pair (one node each for v and g). */
export const weightNormVjp: VjpRule = (n, c) => {
  const [v, g] = n.inputs as [Tensor, Tensor];
  const { axis, eps } = n.attrs as OpAttrs<'WeightNorm'>;
  const { gradV, gradG } = weightNormBackwardNodes(v, g, c, axis, eps);
  return [gradV, gradG];
};

/** Per-row quantities both backward vjps use, with the kept axis in place and 1 elsewhere. */
function rows(v: Tensor, axis: number | null, eps: number) {
  const axes = reducedAxes(v.ndim, axis);
  let n2 = v.mul(v).sum(axes, true);
  if (eps > 0) n2 = n2.add(eps);
  const kept = (t: Tensor) => reshape(t, v.shape.map((d, i) => (i === axis ? d : 1)));
  return { axes, n2, n: n2.sqrt(), kept };
}

/**
 * Written out rather than left to AD of a composite, so double backward through the fused op is
 * exact (torch 1.13's fused CUDA backward is not). With n = ‖v‖ and s = Σ gw·v, gg = s/n:
 *   ∂gw = C·v/n,  ∂v = C·(gw/n − s·v/n³)
 */
export const weightNormGradGVjp: VjpRule = (node, c) => {
  const [v, gw] = node.inputs as [Tensor, Tensor];
  const { axis, eps } = node.attrs as OpAttrs<'WeightNormGradG'>;
  const { axes, n2, n, kept } = rows(v, axis, eps);
  const ck = kept(c);
  const s = gw.mul(v).sum(axes, true);
  const dgw = ck.mul(v).div(n);
  const dv = ck.mul(gw.div(n).sub(v.mul(s).div(n2.mul(n))));
  return [dv, dgw];
};

/**
 * out = (g/n)·gw − (g·gg/n²)·v, with A = Σ C·gw and B = Σ C·v per row:
 *   ∂gw = (g/n)·C,  ∂g = A/n − gg·B/n²,  ∂gg = −g·B/n²,
 *   ∂v = −g·A·v/n³ − (g·gg/n²)·C + 2·g·gg·B·v/n⁴
 */
export const weightNormGradVVjp: VjpRule = (node, c) => {
  const [v, g, gw, gg] = node.inputs as [Tensor, Tensor, Tensor, Tensor];
  const { axis, eps } = node.attrs as OpAttrs<'WeightNormGradV'>;
  const { axes, n2, n, kept } = rows(v, axis, eps);
  const gk = kept(g);
  const ggk = kept(gg);
  const a = c.mul(gw).sum(axes, true);
  const b = c.mul(v).sum(axes, true);
  const dgw = c.mul(gk.div(n));
  const dg = a.div(n).sub(ggk.mul(b).div(n2));
  const dgg = gk.mul(b).div(n2).neg();
  const dv = v
    .mul(gk.mul(a).div(n2.mul(n)).neg().add(gk.mul(ggk).mul(b).mul(2).div(n2.mul(n2))))
    .sub(c.mul(gk.mul(ggk).div(n2)));
  return [dv, reshape(dg, g.shape), dgw, reshape(dgg, gg.shape)];
};
