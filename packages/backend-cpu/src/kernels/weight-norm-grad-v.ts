import { defineKernel } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { readFloats, toStorage } from './float-view.js';
import { weightNormRows } from './weight-norm-rows.js';

/**
 * grad_v = a·gw − b·v with a = g/‖v‖ and b = g·gg/‖v‖² per kept index: a norm pass over v, then
 * one pass that reads v and gw and writes grad_v. The two coefficients are formed in float64.
 */
export const weightNormGradV = defineKernel<'WeightNormGradV', CpuStorage, CpuContext>(
  'WeightNormGradV',
  (_ctx, { v, g, gw, gg }, { axis, eps }, out) => {
    const vs = readFloats(v);
    const gws = readFloats(gw);
    const gs = readFloats(g);
    const ggs = readFloats(gg);
    const { outer, kept, inner, sq } = weightNormRows(vs, null, v.shape, axis, eps);
    const a = new Float64Array(kept);
    const b = new Float64Array(kept);
    for (let d = 0; d < kept; d++) {
      a[d] = gs[d] / Math.sqrt(sq[d]);
      b[d] = (gs[d] * ggs[d]) / sq[d];
    }
    const res = new Float32Array(vs.length);
    for (let o = 0; o < outer; o++) {
      for (let d = 0; d < kept; d++) {
        const off = (o * kept + d) * inner;
        const ad = a[d];
        const bd = b[d];
        for (let i = off; i < off + inner; i++) res[i] = ad * gws[i] - bd * vs[i];
      }
    }
    return toStorage(res, out.dtype);
  },
);
