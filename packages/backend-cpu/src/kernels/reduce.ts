import { defineKernel, sizeOf, stridesOf, type ReduceOp } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { allocValues, readValues, resultStorage, type Values } from './float-view.js';
import { forEachRow } from './for-each-row.js';

/** Folds one row of x into the float64 accumulators: into acc[ao] when as = 0, else elementwise. */
type FoldRow = (x: Values, xo: number, xs: number, acc: Float64Array, ao: number, as: number, n: number) => void;

function sumRow(x: Values, xo: number, xs: number, acc: Float64Array, ao: number, as: number, n: number): void {
  if (as === 0) {
    let s = acc[ao];
    for (let i = 0; i < n; i++) s += x[xo + i * xs];
    acc[ao] = s;
  } else {
    for (let i = 0; i < n; i++) acc[ao + i * as] += x[xo + i * xs];
  }
}

// `v > m || v !== v` lets NaN in and nothing out again, so Max propagates NaN as torch.amax does.
function maxRow(x: Values, xo: number, xs: number, acc: Float64Array, ao: number, as: number, n: number): void {
  if (as === 0) {
    let m = acc[ao];
    for (let i = 0; i < n; i++) {
      const v = x[xo + i * xs];
      if (v > m || v !== v) m = v;
    }
    acc[ao] = m;
  } else {
    for (let i = 0; i < n; i++) {
      const v = x[xo + i * xs];
      const j = ao + i * as;
      if (v > acc[j] || v !== v) acc[j] = v;
    }
  }
}

/**
 * Reduces sorted `axes` into out (keepdims shape). x is read once, in storage order; each element
 * folds into the float64 accumulator of its output position (out strides with 0 on reduced axes).
 */
function reduceKernel<Op extends ReduceOp>(op: Op, init: number, fold: FoldRow) {
  return defineKernel<Op, CpuStorage, CpuContext>(op, (ctx, { x }, { axes }, out) => {
    const xv = readValues(x);
    const acc = new Float64Array(sizeOf(out.shape)).fill(init);
    const outStrides = stridesOf(out.shape);
    for (const axis of axes) outStrides[axis] = 0;
    forEachRow(x.shape, [stridesOf(x.shape), outStrides], (o, n, s) => fold(xv, o[0], s[0], acc, o[1], s[1], n));
    const y = allocValues(ctx, out.dtype, acc.length, false);
    y.set(out.dtype === 'int32' ? acc.map((v) => Math.max(v, -2147483648)) : acc);
    return resultStorage(ctx, y, out.dtype);
  });
}

// Max over an empty axis is −Infinity; int32 has none, so it gets its lowest value instead.
export const sum = reduceKernel('Sum', 0, sumRow);
export const max = reduceKernel('Max', -Infinity, maxRow);

export const reduceKernels = [sum, max] as const;
