import { defineKernel, sizeOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import type { ConvGeometry } from './conv-geometry.js';
import { convTransposeTaps } from './conv-transpose-taps.js';
import { fillBias } from './fill-bias.js';
import { readFloats, resultStorage } from './float-view.js';

/**
 * N-d transposed convolution, the adjoint of Conv: one GEMM per kernel tap writing straight into
 * the output through a strided view (convTransposeTaps), so no column buffer is built and nothing
 * is scattered afterwards. The weight keeps torch's [Cin, O/groups, *k] layout. Output positions
 * the padding crops are never written; outputPadding only enlarges out.shape, which core already
 * computed.
 */
export const convTranspose = defineKernel<'ConvTranspose', CpuStorage, CpuContext>(
  'ConvTranspose',
  (ctx, { x, w, b }, { stride, padding, dilation, groups }, out) => {
    const [batch, inChannels] = x.shape;
    const outChannels = out.shape[1];
    const geo: ConvGeometry = {
      grid: x.shape.slice(2),
      target: out.shape.slice(2),
      kernel: w.shape.slice(2),
      stride,
      dilation,
      padBefore: padding,
    };
    // Zeroed only without a bias: fillBias writes every element, and the GEMMs add onto it.
    const y = ctx.alloc(sizeOf(out.shape), !b);
    if (b) fillBias(y, readFloats(b), batch, outChannels, sizeOf(geo.target));
    convTransposeTaps(ctx, readFloats(x), readFloats(w), y, geo, { batch, inChannels, outChannels, groups });
    return resultStorage(ctx, y, out.dtype);
  },
);
