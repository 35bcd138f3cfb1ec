import { defineKernel } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { readFloats, resultStorage } from './float-view.js';
import { rowsOf } from './rows-of.js';
import { runRowsWasm } from './run-rows-wasm.js';
import { weightNormRows } from './weight-norm-rows.js';

/**
 * grad_v = a·gw − b·v with a = g/‖v‖ and b = g·gg/‖v‖² per kept index: a norm pass over v, then
 * one pass that reads v and gw and writes grad_v. The two coefficients are formed in float64.
 * float32 with contiguous rows runs as WebAssembly SIMD on the runtime's threads.
 */
export const weightNormGradV = defineKernel<'WeightNormGradV', CpuStorage, CpuContext>(
  'WeightNormGradV',
  (ctx, { v, g, gw, gg }, { axis, eps }, out) => {
    const rows = rowsOf(v.shape, axis);
    if (ctx.wasm && rows && v.dtype === 'float32' && out.dtype === 'float32') {
      const [kept, inner] = rows;
      const operands = [
        { array: v.storage as Float32Array, perRow: inner },
        { array: readFloats(g), perRow: 1 },
        { array: readFloats(gw), perRow: inner },
        { array: readFloats(gg), perRow: 1 },
      ];
      const wasm = runRowsWasm(ctx, ctx.wasm, kept, operands, [inner], (_r0, n, [vAt, gAt, gwAt, ggAt, outAt]) => [
        'weightNormGradVRows', vAt!, gAt!, gwAt!, ggAt!, outAt!, n, inner, eps,
      ]);
      if (wasm) return wasm[0]!;
    }
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
    const res = ctx.alloc(vs.length, false);
    for (let o = 0; o < outer; o++) {
      for (let d = 0; d < kept; d++) {
        const off = (o * kept + d) * inner;
        const ad = a[d];
        const bd = b[d];
        for (let i = off; i < off + inner; i++) res[i] = ad * gws[i] - bd * vs[i];
      }
    }
    return resultStorage(ctx, res, out.dtype);
  },
);
