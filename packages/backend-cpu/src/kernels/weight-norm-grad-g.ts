import { defineKernel } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { readFloats, resultStorage } from './float-view.js';
import { rowsOf } from './rows-of.js';
import { runRowsWasm } from './run-rows-wasm.js';
import { weightNormRows } from './weight-norm-rows.js';

/**
 * grad_g = Σ(gw·v) / ‖v‖: one pass over v and gw, both sums in float64, one rounding. float32 with
 * contiguous rows runs as WebAssembly SIMD on the runtime's threads.
 */
export const weightNormGradG = defineKernel<'WeightNormGradG', CpuStorage, CpuContext>(
  'WeightNormGradG',
  (ctx, { v, gw }, { axis, eps }, out) => {
    const rows = rowsOf(v.shape, axis);
    if (ctx.wasm && rows && v.dtype === 'float32' && out.dtype === 'float32') {
      const [kept, inner] = rows;
      const operands = [{ array: v.storage as Float32Array, perRow: inner }, { array: readFloats(gw), perRow: inner }];
      const wasm = runRowsWasm(ctx, ctx.wasm, kept, operands, [1], (_r0, n, [vAt, gwAt, ggAt]) => [
        'weightNormGradGRows', vAt!, gwAt!, ggAt!, n, inner, eps,
      ]);
      if (wasm) return wasm[0]!;
    }
    const { sq, dot } = weightNormRows(readFloats(v), readFloats(gw), v.shape, axis, eps);
    const gg = ctx.alloc(sq.length, false);
    for (let d = 0; d < sq.length; d++) gg[d] = dot[d] / Math.sqrt(sq[d]);
    return resultStorage(ctx, gg, out.dtype);
  },
);
