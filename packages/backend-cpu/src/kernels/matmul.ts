import { defineKernel } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { readFloats, resultStorage } from './float-view.js';
import { gemmInt32 } from './gemm-int32.js';

/** a [B, M, K] · b [B, K, N] → [B, M, N], one GEMM per batch item (int32 stays integer). */
export const matmul = defineKernel<'MatMul', CpuStorage, CpuContext>('MatMul', (ctx, { a, b }, _attrs, out) => {
  const [batch, m, n] = out.shape;
  const k = a.shape[2];
  if (out.dtype === 'int32') {
    const c = new Int32Array(batch * m * n);
    const [as, bs] = [a.storage as Int32Array, b.storage as Int32Array];
    for (let i = 0; i < batch; i++) gemmInt32(m, n, k, as, i * m * k, bs, i * k * n, c, i * m * n);
    return c;
  }
  const as = readFloats(a);
  const bs = readFloats(b);
  const c = ctx.alloc(batch * m * n, k === 0);
  for (let i = 0; i < batch; i++) ctx.gemm(m, n, k, as, i * m * k, k, 1, bs, i * k * n, n, c, i * m * n, n, false);
  return resultStorage(ctx, c, out.dtype);
});
