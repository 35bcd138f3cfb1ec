import { defineKernel } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { broadcastOperand, stridedMap } from './strided-map.js';

// A gather: the strided map with the input's strides rearranged.
/** Size-1 axes repeat: stride 0. */
export const expand = defineKernel<'Expand', WebgpuStorage, WebgpuContext>('Expand', (ctx, { x }, _attrs, out) =>
  stridedMap(ctx, 'Expand', [broadcastOperand(x, out.shape)], ['x'], 'x', out.shape, out.dtype),
);
