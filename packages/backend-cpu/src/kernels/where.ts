import { defineKernel, sizeOf, stridesOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { broadcastStrides } from './broadcast-strides.js';
import { allocStorage } from './float-view.js';
import { elementwiseWasm } from './elementwise-wasm.js';
import { forEachRow } from './for-each-row.js';

/**
 * out = cond != 0 ? a : b, all three broadcast. a and b share out's dtype, so elements are copied
 * as stored (float16 bits stay bits). A float16 cond is tested on its bits: any bit besides the
 * sign means non-zero, so −0 is false and NaN is true, as in torch. float32 runs as WebAssembly
 * SIMD where the operands are in the heap (elementwiseWasm).
 */
export const where = defineKernel<'Where', CpuStorage, CpuContext>('Where', (ctx, { cond, a, b }, _attrs, out) => {
  const y = allocStorage(ctx, out.dtype, sizeOf(out.shape), false);
  const mask = cond.dtype === 'float16' ? 0x7fff : -1;
  const strides = [
    broadcastStrides(cond.shape, out.shape),
    broadcastStrides(a.shape, out.shape),
    broadcastStrides(b.shape, out.shape),
    stridesOf(out.shape),
  ];
  if (ctx.wasm && out.dtype === 'float32' && cond.dtype === 'float32') {
    const inputs = [cond.storage, a.storage, b.storage] as Float32Array[];
    if (elementwiseWasm(ctx.wasm, 'whereF32', 0, inputs, y as Float32Array, out.shape, strides)) return y;
  }
  forEachRow(out.shape, strides, (o, n, s) =>
    selectRow(cond.storage, o[0], s[0], mask, a.storage, o[1], s[1], b.storage, o[2], s[2], y, o[3], n),
  );
  return y;
});

/** One row of Where; `mask` keeps the bits that decide non-zero (all for float32 and int32). */
function selectRow(
  c: CpuStorage,
  co: number,
  cs: number,
  mask: number,
  a: CpuStorage,
  ao: number,
  as: number,
  b: CpuStorage,
  bo: number,
  bs: number,
  y: CpuStorage,
  yo: number,
  n: number,
): void {
  if (mask === -1) {
    for (let i = 0; i < n; i++) y[yo + i] = c[co + i * cs] !== 0 ? a[ao + i * as] : b[bo + i * bs];
  } else {
    for (let i = 0; i < n; i++) y[yo + i] = (c[co + i * cs] & mask) !== 0 ? a[ao + i * as] : b[bo + i * bs];
  }
}
