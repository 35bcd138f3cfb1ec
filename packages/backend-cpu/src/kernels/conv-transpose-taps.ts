import { sizeOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { ConvGeometry } from './conv-geometry.js';
import { nextIndex } from './next-index.js';
import { transposeF32 } from './transpose-f32.js';

/** ConvTranspose's channel counts: x [batch, inChannels, *grid] → y [batch, outChannels, *target]. */
export interface ConvTransposeChannels {
  batch: number;
  inChannels: number;
  outChannels: number;
  groups: number;
}

/**
 * N-d transposed convolution as one GEMM per kernel tap with no column buffer (an implicit GEMM):
 *
 *   y[o, t⃗] += Σ_c w[c, o, k⃗] · x[c, i⃗]   where t⃗ = i⃗·stride − padBefore + k⃗·dilation,
 *
 * so for a tap k⃗ and one row of input positions along the last axis, the outputs it feeds are
 * one row of y read every stride-th element. Each tap's GEMM writes them in place through the
 * GEMM's column stride: B is the input row as it lies (leading dimension the input plane), A the
 * tap's weights. The scatter col2im did through a [Og·prod(k), tile] buffer is gone, and so is its
 * pass over that buffer. Inputs are walked in tiles of the last axis, every tap within a tile, so
 * the stretch of y a tile feeds (Og × tile·stride floats) stays in cache while the taps add onto it.
 *
 * `y` must hold the bias (or zeros). Output positions the padding crops are never written.
 */
export function convTransposeTaps(ctx: CpuContext, x: Float32Array, w: Float32Array, y: Float32Array, geo: ConvGeometry, ch: ConvTransposeChannels): void {
  const { grid, target, kernel, stride, dilation, padBefore } = geo;
  const cg = ch.inChannels / ch.groups;
  const og = ch.outChannels / ch.groups;
  const taps = sizeOf(kernel);
  const inPlane = sizeOf(grid);
  const outPlane = sizeOf(target);
  const last = grid.length - 1;
  const [length, outLength] = [grid[last]!, target[last]!];
  const [s, d, pad, kLast] = [stride[last]!, dilation[last]!, padBefore[last]!, kernel[last]!];
  const outerTaps = taps / kLast;
  const outerRows = inPlane / length;

  // The weight tap-major, [prod(k), Cin, Og]: each tap's A = w_gᵀ then has its Og values per input
  // channel adjacent, the layout the GEMM packs with vector loads. Read in torch's [Cin, Og, *k]
  // order, a tap's values lie prod(k) floats apart and every tap's packing would gather them again.
  const wt = taps === 1 ? w : ctx.alloc(w.length, false);
  try {
    // [Cin·Og, prod(k)] → [prod(k), Cin·Og]
    if (taps > 1) transposeF32(ctx, w, 0, taps, ch.inChannels * og, taps, wt, 0, ch.inChannels * og);
    const width = Math.max(64, ctx.convTile);
    const inIndex = new Array<number>(last).fill(0);
    const tapIndex = new Array<number>(last).fill(0);
    for (let n = 0; n < ch.batch; n++) {
      for (let g = 0; g < ch.groups; g++) {
        const xBase = (n * ch.inChannels + g * cg) * inPlane;
        const yBase = (n * ch.outChannels + g * og) * outPlane;
        // inIndex and tapIndex are row and outer's multi-indices over the leading axes; each walk
        // wraps them back to zeros at its end.
        for (let row = 0; row < outerRows; row++, nextIndex(inIndex, grid)) {
          for (let ia = 0; ia < length; ia += width) {
            const ib = Math.min(length, ia + width);
            for (let outer = 0; outer < outerTaps; outer++, nextIndex(tapIndex, kernel)) {
              // The output row this input row and outer tap feed, or -1 where padding crops it.
              let outRow = 0;
              for (let a = 0; a < last; a++) {
                const t = inIndex[a]! * stride[a]! - padBefore[a]! + tapIndex[a]! * dilation[a]!;
                if (t < 0 || t >= target[a]!) {
                  outRow = -1;
                  break;
                }
                outRow = outRow * target[a]! + t;
              }
              if (outRow < 0) continue;
              for (let k = 0; k < kLast; k++) {
                const shift = k * d - pad;
                // Inputs i with 0 ≤ i·s + shift < outLength, within this tile.
                const i0 = Math.max(ia, Math.ceil(-shift / s));
                const i1 = Math.min(ib, Math.floor((outLength - 1 - shift) / s) + 1);
                if (i1 <= i0) continue;
                const aOff = ((outer * kLast + k) * ch.inChannels + g * cg) * og;
                const xOff = xBase + row * length + i0;
                const yOff = yBase + outRow * outLength + i0 * s + shift;
                ctx.gemm(og, i1 - i0, cg, wt, aOff, 1, og, x, xOff, inPlane, y, yOff, outPlane, true, s);
              }
            }
          }
        }
      }
    }
  } finally {
    if (wt !== w) ctx.free(wt);
  }
}
