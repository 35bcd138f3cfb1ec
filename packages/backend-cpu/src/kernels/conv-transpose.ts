import { defineKernel, sizeOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { col2im } from './col2im.js';
import type { ConvGeometry } from './conv-geometry.js';
import { fillBias } from './fill-bias.js';
import { readFloats, toStorage } from './float-view.js';
import { forEachConvTile } from './for-each-conv-tile.js';

/**
 * N-d transposed convolution as GEMM + col2im, the adjoint of Conv: per tile of input positions,
 * per batch item and group, cols[Og·prod(k), tile] = w_gᵀ · x_g[Cg, tile], then each column is
 * scattered into the output windows it feeds. The weight keeps torch's [Cin, O/groups, *k]
 * layout; w_gᵀ is read through strides, never copied. Output positions the padding crops are
 * dropped; outputPadding only enlarges out.shape, which core already computed.
 */
export const convTranspose = defineKernel<'ConvTranspose', CpuStorage, CpuContext>(
  'ConvTranspose',
  (ctx, { x, w, b }, { stride, padding, dilation, groups }, out) => {
    const xs = readFloats(x);
    const ws = readFloats(w);
    const [batch, inChannels] = x.shape;
    const outChannels = out.shape[1];
    const grid = x.shape.slice(2);
    const geo: ConvGeometry = {
      grid,
      target: out.shape.slice(2),
      kernel: w.shape.slice(2),
      stride,
      dilation,
      padBefore: padding,
    };
    const cg = inChannels / groups;
    const og = outChannels / groups;
    const depth = og * sizeOf(geo.kernel);
    const inPlane = sizeOf(grid);
    const outPlane = sizeOf(geo.target);

    const y = new Float32Array(sizeOf(out.shape));
    if (b) fillBias(y, readFloats(b), batch, outChannels, outPlane);
    forEachConvTile(ctx, grid, depth, batch, groups, (cols, tile, q0, tw, n, g) => {
      const xOff = (n * inChannels + g * cg) * inPlane + q0;
      ctx.gemm(depth, tw, cg, ws, g * cg * depth, 1, depth, xs, xOff, inPlane, cols, 0, tw, false);
      col2im(cols, tw, og, geo, tile, y, (n * outChannels + g * og) * outPlane);
    });
    return toStorage(y, out.dtype);
  },
);
