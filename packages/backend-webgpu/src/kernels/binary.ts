import { BINARY_OPS, defineKernel, type BinaryOp } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { binaryWgsl } from './binary.wgsl.js';
import { broadcastOperand, stridedMap } from './strided-map.js';

/** Broadcasting by zero strides: core has already given a and b out's rank. */
function binaryKernel<Op extends BinaryOp>(op: Op) {
  return defineKernel<Op, WebgpuStorage, WebgpuContext>(op, (ctx, { a, b }, _attrs, out) => {
    const forms = binaryWgsl[op];
    const expr = a.dtype === 'int32' ? forms.int : forms.float;
    if (expr === undefined) throw new Error(`${op} has no int32 form`);
    return stridedMap(ctx, op, [broadcastOperand(a, out.shape), broadcastOperand(b, out.shape)], ['a', 'b'], expr, out.shape, out.dtype);
  });
}

export const binaryKernels = BINARY_OPS.map(binaryKernel);
