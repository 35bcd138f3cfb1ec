import { defineKernel, sizeOf, stridesOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { readFloats, resultStorage } from './float-view.js';
import { transposeF32 } from './transpose-f32.js';

/** Every multi-index of `shape`, row-major (one empty index for a 0-d shape). */
function indices(shape: readonly number[]): number[][] {
  let all: number[][] = [[]];
  for (const n of shape) all = all.flatMap((i) => Array.from({ length: n }, (_, j) => [...i, j]));
  return all;
}

/**
 * Conv's weight gradient as implicit GEMMs, with no column matrix: per batch item, x[n] goes
 * channels-last once (xT [*S, C]); then per group, kernel tap and index of gy's leading spatial
 * axes, one GEMM accumulates gw[g·og…, tap, :] += gy[n, g·og…, p] · xT[p·stride + shift, g·cg…]
 * over the positions p of gy's last axis whose input position lies inside x (the range is
 * clipped, nothing is padded). gy's rows are A as they lie and the tap's input rows are B read in
 * place `stride·C` apart, so each GEMM runs over the long position axis in one call. torch's CPU
 * backward builds the im2col matrix [N·P, C·k] instead, which for a wide 1-d layer is tens of MB
 * copied per step.
 *
 * The GEMMs accumulate tap-major, [G·og, prod(k), cg], and the taps move last once at the end.
 * Writing torch's [G·og, cg, *k] directly through the GEMM's column stride (prod(k)) ran 5–20%
 * slower in interleaved runs of the W4 layer's GEMMs (512→512, k3, L 8192): with K = 8192 the
 * GEMM revisits C once per depth block, and strided columns take its scalar edge path and touch
 * three times the cache lines.
 */
export const convWeightGrad = defineKernel<'ConvWeightGrad', CpuStorage, CpuContext>(
  'ConvWeightGrad',
  (ctx, { x, gy }, { kernel, stride, padding, dilation, groups }, out) => {
    const total = sizeOf(out.shape);
    const [batch, inChannels] = x.shape;
    const outChannels = gy.shape[1];
    const size = x.shape.slice(2);
    const positions = gy.shape.slice(2);
    const inPlane = sizeOf(size);
    const outPlane = sizeOf(positions);
    if (total === 0 || batch === 0 || inPlane === 0 || outPlane === 0) return resultStorage(ctx, ctx.alloc(total), out.dtype);

    const xs = readFloats(x);
    const gys = readFloats(gy);
    const cg = inChannels / groups;
    const og = outChannels / groups;
    const taps = sizeOf(kernel);
    const last = kernel.length - 1;
    const [sLast, dLast, padLast, lenLast, posLast] = [stride[last], dilation[last], padding[last][0], size[last], positions[last]];
    const xStrides = stridesOf(size);
    const gyStrides = stridesOf(positions);
    const tapStrides = stridesOf(kernel);
    // Every (tap, index of gy's leading axes) pair whose input row exists, with gy's and xT's
    // offsets for it and the clipped range [p0, p1) of gy's last axis: the same for every n and g.
    const rows: { gyOff: number; xOff: number; cOff: number; k: number }[] = [];
    for (const tap of indices(kernel)) {
      const shift = tap[last] * dLast - padLast;
      // p·stride + shift ∈ [0, len): p ≥ ceil(−shift / stride), p ≤ floor((len − 1 − shift) / stride).
      const p0 = Math.max(0, Math.ceil(-shift / sLast));
      const p1 = Math.min(posLast, Math.floor((lenLast - 1 - shift) / sLast) + 1);
      if (p1 <= p0) continue;
      const cOff = tap.reduce((o, t, i) => o + t * tapStrides[i], 0) * cg;
      for (const outer of indices(positions.slice(0, last))) {
        let xRow = 0;
        let inside = true;
        outer.forEach((q, i) => {
          const at = q * stride[i] + tap[i] * dilation[i] - padding[i][0];
          if (at < 0 || at >= size[i]) inside = false;
          xRow += at * xStrides[i];
        });
        if (!inside) continue;
        const gyRow = outer.reduce((o, q, i) => o + q * gyStrides[i], 0);
        rows.push({ gyOff: gyRow + p0, xOff: (xRow + p0 * sLast + shift) * inChannels, cOff, k: p1 - p0 });
      }
    }

    // acc [G·og, prod(k), cg], zeroed: every GEMM adds onto it. With one tap it is gw itself.
    const acc = ctx.alloc(total);
    const gw = taps === 1 ? acc : ctx.alloc(total, false);
    const xT = ctx.alloc(inPlane * inChannels, false);
    try {
      for (let n = 0; n < batch; n++) {
        // x[n] [C, *S] → xT [*S, C]
        transposeF32(ctx, xs, n * inChannels * inPlane, inPlane, inChannels, inPlane, xT, 0, inChannels);
        for (let g = 0; g < groups; g++) {
          const gyBase = (n * outChannels + g * og) * outPlane;
          const cBase = g * og * taps * cg;
          for (const r of rows) {
            ctx.gemm(og, cg, r.k, gys, gyBase + r.gyOff, outPlane, 1, xT, r.xOff + g * cg, sLast * inChannels, acc, cBase + r.cOff, taps * cg, true);
          }
        }
      }
      // [O, prod(k), cg] → [O, cg, prod(k)], one output channel at a time.
      if (acc !== gw) for (let o = 0; o < outChannels; o++) transposeF32(ctx, acc, o * taps * cg, cg, taps, cg, gw, o * cg * taps, taps);
    } finally {
      ctx.free(xT);
      if (acc !== gw) ctx.free(acc);
    }
    return resultStorage(ctx, gw, out.dtype);
  },
);
