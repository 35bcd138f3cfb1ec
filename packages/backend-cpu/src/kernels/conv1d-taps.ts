import type { CpuContext } from '../cpu-context.js';

/** A stride-1 1-d convolution's shape: x [batch, inChannels, length] → y [batch, outChannels, outLength]. */
export interface Conv1dTapsShape {
  batch: number;
  inChannels: number;
  outChannels: number;
  groups: number;
  length: number;
  outLength: number;
  kernel: number;
  dilation: number;
  padBefore: number;
}

/**
 * A stride-1 1-d convolution as one GEMM per kernel tap, with no column buffer (an implicit GEMM):
 * for tap k, y[o, t] += Σ_c w[o, c, k] · x[c, t + k·dilation − padBefore] over the output positions
 * t whose input position exists. The tap's weights are A read through strides (no copy) and the
 * shifted input is B read in place (unit column stride, leading dimension the input length), so
 * nothing is gathered, nothing runs on one thread between the GEMMs, and the GEMM's threads split
 * the long output axis. `y` must hold the bias (or zeros): every tap accumulates onto it.
 */
export function conv1dTaps(ctx: CpuContext, x: Float32Array, w: Float32Array, y: Float32Array, s: Conv1dTapsShape): void {
  const cg = s.inChannels / s.groups;
  const og = s.outChannels / s.groups;
  const k = s.kernel;
  // Output columns in tiles, every tap within a tile, so the tile of y (og × width floats) and the
  // input it reads stay in cache while the taps accumulate onto it.
  const width = Math.max(64, ctx.convTile);
  for (let n = 0; n < s.batch; n++) {
    for (let g = 0; g < s.groups; g++) {
      const xOff = (n * s.inChannels + g * cg) * s.length;
      const yOff = (n * s.outChannels + g * og) * s.outLength;
      for (let ta = 0; ta < s.outLength; ta += width) {
        const tb = Math.min(s.outLength, ta + width);
        for (let tap = 0; tap < k; tap++) {
          const shift = tap * s.dilation - s.padBefore;
          const t0 = Math.max(ta, -shift);
          const t1 = Math.min(tb, s.length - shift);
          if (t1 <= t0) continue;
          // A[o, c] = w[g·og + o, c, tap]: rows cg·k apart, columns k apart.
          ctx.gemm(og, t1 - t0, cg, w, g * og * cg * k + tap, cg * k, k, x, xOff + t0 + shift, s.length, y, yOff + t0, s.outLength, true);
        }
      }
    }
  }
}
