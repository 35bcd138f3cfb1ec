import { defineKernel, type UnaryOp } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { erf as erf64 } from './erf.js';
import { allocValues, readValues, resultStorage, type Values } from './float-view.js';

/** The elementwise loop a WASM build can replace: ys[i] = f(xs[i]) over flat arrays. */
function mapValues(xs: Values, ys: Values, f: (x: number) => number): void {
  for (let i = 0; i < xs.length; i++) ys[i] = f(xs[i]);
}

function unaryKernel<Op extends UnaryOp>(op: Op, f: (x: number) => number) {
  return defineKernel<Op, CpuStorage, CpuContext>(op, (ctx, { x }, _attrs, out) => {
    const xs = readValues(x);
    const ys = allocValues(ctx, out.dtype, xs.length, false);
    mapValues(xs, ys, f);
    return resultStorage(ctx, ys, out.dtype);
  });
}

/** 1 / (1 + e^−x) never forms e^|x|, so neither tail overflows to NaN. */
function sigmoidOf(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

// int32 results wrap like torch's (−(−2³¹) is −2³¹) because Int32Array stores modulo 2³².
export const neg = unaryKernel('Neg', (x) => -x);
export const abs = unaryKernel('Abs', Math.abs);
// torch computes sign as (0 < x) − (x < 0), so sign(NaN) is 0, not NaN.
export const sign = unaryKernel('Sign', (x) => (x > 0 ? 1 : 0) - (x < 0 ? 1 : 0));
export const sqrt = unaryKernel('Sqrt', Math.sqrt);
export const exp = unaryKernel('Exp', Math.exp);
export const log = unaryKernel('Log', Math.log);
export const sin = unaryKernel('Sin', Math.sin);
export const cos = unaryKernel('Cos', Math.cos);
export const tanh = unaryKernel('Tanh', Math.tanh);
export const sigmoid = unaryKernel('Sigmoid', sigmoidOf);
export const erf = unaryKernel('Erf', erf64);

export const unaryKernels = [neg, abs, sign, sqrt, exp, log, sin, cos, tanh, sigmoid, erf] as const;
