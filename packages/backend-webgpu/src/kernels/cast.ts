import { defineKernel } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { broadcastOperand, stridedMap } from './strided-map.js';

/**
 * Float to int truncates toward zero (WGSL's i32() of a float does, saturating out of range);
 * int to float rounds; float16 output rounds once from the f32 value.
 */
export const cast = defineKernel<'Cast', WebgpuStorage, WebgpuContext>('Cast', (ctx, { x }, _attrs, out) => {
  const fromInt = x.dtype === 'int32';
  const toInt = out.dtype === 'int32';
  const expr = fromInt === toInt ? 'x' : toInt ? 'i32(x)' : 'f32(x)';
  return stridedMap(ctx, 'Cast', [broadcastOperand(x, out.shape)], ['x'], expr, out.shape, out.dtype);
});
