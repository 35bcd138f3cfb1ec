import { defineKernel } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { broadcastOperand, stridedMap } from './strided-map.js';

/** out = cond != 0 ? a : b; cond keeps its own dtype (a NaN cond is non-zero, so it picks a). */
export const where = defineKernel<'Where', WebgpuStorage, WebgpuContext>('Where', (ctx, { cond, a, b }, _attrs, out) => {
  const zero = cond.dtype === 'int32' ? '0' : '0.0';
  const operands = [cond, a, b].map((t) => broadcastOperand(t, out.shape));
  return stridedMap(ctx, 'Where', operands, ['c', 'a', 'b'], `select(b, a, c != ${zero}${cond.dtype === 'int32' ? '' : ' || is_nan(c)'})`, out.shape, out.dtype);
});
