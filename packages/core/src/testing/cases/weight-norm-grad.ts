import { weightNormBackward } from '../../autodiff/weight-norm-backward.js';
import { storedValue, type CaseTools } from '../case-tools.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { weightNormGradGRef, weightNormGradVRef } from '../reference/weight-norm-grad.js';
import { gFor } from './weight-norm.js';

interface Spec {
  variant: string;
  shape: number[];
  dim: number | null;
  axis: number | null;
  eps?: number;
}

const SPECS: readonly Spec[] = [
  { variant: 'dim0', shape: [6, 4, 3], dim: 0, axis: 0 },
  { variant: 'dim1', shape: [4, 5, 3], dim: 1, axis: 1 },
  { variant: 'dim-last-axis', shape: [4, 3, 5], dim: 2, axis: 2 },
  { variant: 'dim-null-whole-tensor', shape: [4, 3, 5], dim: null, axis: null },
  { variant: 'dim-minus2-wraps', shape: [4, 3, 5], dim: -2, axis: 1 },
  { variant: 'dim0-eps', shape: [5, 3, 2], dim: 0, axis: 0, eps: 0.1 },
  { variant: 'large-64x32x3', shape: [64, 32, 3], dim: 0, axis: 0 },
];

function inputs(tools: CaseTools, s: Spec) {
  const v = tools.randn(s.shape);
  const g = gFor(tools, s.shape, s.axis);
  const gw = tools.randn(s.shape);
  return { v, g, gw };
}

/** The fused weight-norm backward pair, against float64 references (and grad_v fed torch's grad_g). */
export function weightNormGradCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const dtype of ['float32', 'float16'] as const) {
    for (const s of dtype === 'float32' ? SPECS : SPECS.slice(0, 1).concat(SPECS[3]!)) {
      cases.push(
        defineCase('WeightNormGradG', s.variant, dtype, async (tools) => {
          const { v, g, gw } = inputs(tools, s);
          const { gradG } = weightNormBackward(v.t, g.t, gw.t, { dim: s.dim, eps: s.eps ?? 0 });
          await tools.expect(gradG, weightNormGradGRef(v.r, gw.r, s.axis, s.eps ?? 0));
        }),
        defineCase('WeightNormGradV', s.variant, dtype, async (tools) => {
          const { v, g, gw } = inputs(tools, s);
          const { gradV } = weightNormBackward(v.t, g.t, gw.t, { dim: s.dim, eps: s.eps ?? 0 });
          // The reference sees grad_g as the kernel does: rounded to the tensor's dtype.
          const gg = weightNormGradGRef(v.r, gw.r, s.axis, s.eps ?? 0);
          const ggRef = { shape: gg.shape, data: gg.data.map((x) => storedValue(x, dtype)) };
          await tools.expect(gradV, weightNormGradVRef(v.r, g.r, gw.r, ggRef, s.axis, s.eps ?? 0), {
            // float16 grad_v is a difference of two rounded terms; judge it against the tensor's scale.
            tolerance: dtype === 'float16' ? { rtol: 2e-3, atolScale: 2 ** -9 } : undefined,
          });
        }),
      );
    }
  }
  return cases;
}
