import { defineKernel } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { readFloats, toStorage } from './float-view.js';
import { weightNormRows } from './weight-norm-rows.js';

/** grad_g = Σ(gw·v) / ‖v‖: one pass over v and gw, both sums in float64, one rounding. */
export const weightNormGradG = defineKernel<'WeightNormGradG', CpuStorage, CpuContext>(
  'WeightNormGradG',
  (_ctx, { v, gw }, { axis, eps }, out) => {
    const { sq, dot } = weightNormRows(readFloats(v), readFloats(gw), v.shape, axis, eps);
    const gg = new Float32Array(sq.length);
    for (let d = 0; d < sq.length; d++) gg[d] = dot[d] / Math.sqrt(sq[d]);
    return toStorage(gg, out.dtype);
  },
);
