import { defineKernel, stridesOf, UNARY_OPS, type UnaryOp } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { stridedMap } from './strided-map.js';
import { unaryWgsl } from './unary.wgsl.js';

function unaryKernel<Op extends UnaryOp>(op: Op) {
  return defineKernel<Op, WebgpuStorage, WebgpuContext>(op, (ctx, { x }, _attrs, out) => {
    const forms = unaryWgsl[op];
    const expr = x.dtype === 'int32' ? forms.int : forms.float;
    // Core promotes int32 input of the float ops to float32, so this is a contract breach.
    if (expr === undefined) throw new Error(`${op} has no int32 form`);
    const operand = { storage: x.storage, dtype: x.dtype, base: 0, strides: stridesOf(x.shape) };
    return stridedMap(ctx, op, [operand], ['x'], expr, out.shape, out.dtype);
  });
}

export const unaryKernels = UNARY_OPS.map(unaryKernel);
