import { defineKernel, sizeOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import type { ConvGeometry } from './conv-geometry.js';
import { conv1dTaps } from './conv1d-taps.js';
import { fillBias } from './fill-bias.js';
import { readFloats, resultStorage } from './float-view.js';
import { forEachConvTile } from './for-each-conv-tile.js';
import { im2col } from './im2col.js';

/**
 * N-d convolution (torch's cross-correlation) as tiled im2col + GEMM: per tile of output
 * positions, per batch item and group, out[g·Og…, tile] (+)= w_g[Og, Cg·prod(k)] · cols.
 * The column buffer holds one tile, never the whole image. A stride-1 1-d convolution skips the
 * columns altogether: one GEMM per kernel tap over a shifted view of the input (conv1dTaps).
 */
export const conv = defineKernel<'Conv', CpuStorage, CpuContext>(
  'Conv',
  (ctx, { x, w, b }, { stride, padding, dilation, groups }, out) => {
    const xs = readFloats(x);
    const ws = readFloats(w);
    const [batch, inChannels] = x.shape;
    const outChannels = out.shape[1];
    const grid = out.shape.slice(2);
    const geo: ConvGeometry = {
      grid,
      target: x.shape.slice(2),
      kernel: w.shape.slice(2),
      stride,
      dilation,
      padBefore: padding.map((p) => p[0]),
    };
    const cg = inChannels / groups;
    const og = outChannels / groups;
    const depth = cg * sizeOf(geo.kernel);
    const inPlane = sizeOf(geo.target);
    const outPlane = sizeOf(grid);

    // Zeroed only without a bias: fillBias writes every element, and the GEMMs add onto it.
    const y = ctx.alloc(sizeOf(out.shape), !b);
    if (b) fillBias(y, readFloats(b), batch, outChannels, outPlane);
    if (grid.length === 1 && stride[0] === 1) {
      // Stride 1 in 1-d (every HiFi-GAN / BigVGAN conv): GEMMs over shifted views, no columns.
      const shape = { batch, inChannels, outChannels, groups, length: inPlane, outLength: outPlane, kernel: geo.kernel[0]!, dilation: dilation[0]!, padBefore: geo.padBefore[0]! };
      conv1dTaps(ctx, xs, ws, y, shape);
      return resultStorage(ctx, y, out.dtype);
    }
    forEachConvTile(ctx, grid, depth, batch, groups, (cols, tile, p0, tw, n, g) => {
      im2col(xs, (n * inChannels + g * cg) * inPlane, cg, geo, tile, tw, cols);
      const yOff = (n * outChannels + g * og) * outPlane + p0;
      ctx.gemm(og, tw, depth, ws, g * og * depth, depth, 1, cols, 0, tw, y, yOff, outPlane, b !== undefined);
    });
    return resultStorage(ctx, y, out.dtype);
  },
);
