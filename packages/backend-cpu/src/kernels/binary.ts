import { defineKernel, sizeOf, stridesOf, type BinaryOp } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { broadcastStrides } from './broadcast-strides.js';
import { allocValues, readValues, resultStorage, type Values } from './float-view.js';
import { BINARY_WASM_OPS, elementwiseWasm } from './elementwise-wasm.js';
import { forEachRow } from './for-each-row.js';

type Combine = (a: number, b: number) => number;
/** One row: y[yo + i] = a[ao + i·as] ∘ b[bo + i·bs] for i < n. */
type ZipRow = (a: Values, ao: number, as: number, b: Values, bo: number, bs: number, y: Values, yo: number, n: number) => void;

/** The generic row loop: `f` is called per element, so its call site sees every op's function. */
function zipRow(f: Combine, a: Values, ao: number, as: number, b: Values, bo: number, bs: number, y: Values, yo: number, n: number): void {
  for (let i = 0; i < n; i++) y[yo + i] = f(a[ao + i * as], b[bo + i * bs]);
}

// Each arithmetic op's own loop, written out: one function literal per op keeps each loop's call
// feedback to one operation (the generic loop's `f` call is megamorphic: HiFi-GAN spent half its
// time in it). The operations are the same, so results are bit for bit those of zipRow.
const addRow: ZipRow = (a, ao, as, b, bo, bs, y, yo, n) => {
  for (let i = 0; i < n; i++) y[yo + i] = a[ao + i * as] + b[bo + i * bs];
};
const subRow: ZipRow = (a, ao, as, b, bo, bs, y, yo, n) => {
  for (let i = 0; i < n; i++) y[yo + i] = a[ao + i * as] - b[bo + i * bs];
};
const mulRow: ZipRow = (a, ao, as, b, bo, bs, y, yo, n) => {
  for (let i = 0; i < n; i++) y[yo + i] = a[ao + i * as] * b[bo + i * bs];
};
const divRow: ZipRow = (a, ao, as, b, bo, bs, y, yo, n) => {
  for (let i = 0; i < n; i++) y[yo + i] = a[ao + i * as] / b[bo + i * bs];
};

/**
 * Broadcasting by strides: an axis where an input has size 1 gets stride 0. forEachRow merges
 * axes first, so same-shape inputs and a scalar `b` both run as one flat row. float32 runs as
 * WebAssembly SIMD where the operands are in the heap (elementwiseWasm), TypeScript otherwise.
 * `int` replaces `f` for int32 tensors where float64 arithmetic would not wrap like int32.
 */
function binaryKernel<Op extends BinaryOp>(op: Op, f: Combine, int: Combine = f, floatRow?: ZipRow) {
  return defineKernel<Op, CpuStorage, CpuContext>(op, (ctx, { a, b }, _attrs, out) => {
    const av = readValues(a);
    const bv = readValues(b);
    const size = sizeOf(out.shape);
    const y = allocValues(ctx, out.dtype, size, false);
    const g = out.dtype === 'int32' ? int : f;
    const strides = [broadcastStrides(a.shape, out.shape), broadcastStrides(b.shape, out.shape), stridesOf(out.shape)];
    const wasmOp = (BINARY_WASM_OPS as readonly string[]).indexOf(op);
    if (ctx.wasm && wasmOp >= 0 && out.dtype === 'float32' && a.dtype === 'float32' && b.dtype === 'float32') {
      if (elementwiseWasm(ctx.wasm, 'binaryF32', wasmOp, [av as Float32Array, bv as Float32Array], y as Float32Array, out.shape, strides)) return y;
    }
    const row: ZipRow = out.dtype !== 'int32' && floatRow ? floatRow : (a, ao, as, b, bo, bs, y, yo, n) => zipRow(g, a, ao, as, b, bo, bs, y, yo, n);
    // forEachRow merges same-shape operands (and a scalar b) into one flat row.
    forEachRow(out.shape, strides, (o, n, s) => row(av, o[0], s[0], bv, o[1], s[1], y, o[2], n));
    return resultStorage(ctx, y, out.dtype);
  });
}

/**
 * C's pow, which torch calls: 1ⁿ and (−1)^±∞ are 1 even for NaN or infinite n, where JS's
 * Math.pow answers NaN.
 */
function powC(a: number, b: number): number {
  if (a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) return 1;
  return Math.pow(a, b);
}

// Float results are computed in float64 and rounded on store; for + − × ÷ that equals the
// float32 operation exactly. int32 stores wrap modulo 2³² as torch's int32 arithmetic does.
export const add = binaryKernel('Add', (a, b) => a + b, undefined, addRow);
export const sub = binaryKernel('Sub', (a, b) => a - b, undefined, subRow);
// An int32 product can exceed 2⁵³, where float64 would lose the low bits the wrap keeps.
export const mul = binaryKernel('Mul', (a, b) => a * b, Math.imul, mulRow);
export const div = binaryKernel('Div', (a, b) => a / b, undefined, divRow);
export const pow = binaryKernel('Pow', powC);
// Math.max and Math.min propagate NaN, as torch.maximum and torch.minimum do.
export const maximum = binaryKernel('Maximum', Math.max);
export const minimum = binaryKernel('Minimum', Math.min);
export const greater = binaryKernel('Greater', (a, b) => (a > b ? 1 : 0));
export const less = binaryKernel('Less', (a, b) => (a < b ? 1 : 0));
export const equal = binaryKernel('Equal', (a, b) => (a === b ? 1 : 0));

export const binaryKernels = [add, sub, mul, div, pow, maximum, minimum, greater, less, equal] as const;
