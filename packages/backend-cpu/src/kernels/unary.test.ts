import { fromFloat16Bits, roundToFloat16, toFloat16Bits, type DType } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { runKernel, tensor } from '../../test/kernel-test-utils.js';
import type { CpuStorage } from '../cpu-storage.js';
import { erf } from './erf.js';
import { abs, cos, erf as erfKernel, exp, log, neg, sigmoid, sign, sin, sqrt, tanh, unaryKernels } from './unary.js';

type UnaryKernel = (typeof unaryKernels)[number];

function run(kernel: UnaryKernel, storage: CpuStorage, shape: number[], dtype: DType): CpuStorage {
  return runKernel(kernel, { x: tensor(storage, shape, dtype) }, {}, { shape, dtype });
}

const values = [-1e30, -88.5, -20, -3.5, -1, -0.25, -0, 0, 1e-8, 0.5, 1, 2.75, 20, 88.5, 1e30, Infinity, -Infinity, NaN];

/** The float64 reference each kernel must round to float32. */
const reference: [UnaryKernel, (x: number) => number][] = [
  [neg, (x) => -x],
  [abs, Math.abs],
  [sign, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0)],
  [sqrt, Math.sqrt],
  [exp, Math.exp],
  [log, Math.log],
  [sin, Math.sin],
  [cos, Math.cos],
  [tanh, Math.tanh],
  [sigmoid, (x) => (x === Infinity ? 1 : x === -Infinity ? 0 : 1 / (1 + Math.exp(-x)))],
  [erfKernel, erf],
];

describe('unary kernels', () => {
  it('lists one kernel per unary op', () => {
    expect(unaryKernels.map((k) => k.op)).toEqual(['Neg', 'Abs', 'Sign', 'Sqrt', 'Exp', 'Log', 'Sin', 'Cos', 'Tanh', 'Sigmoid', 'Erf']);
  });

  it.each(reference)('$op rounds the float64 value once to float32', (kernel, f) => {
    const x = Float32Array.from(values);
    const y = run(kernel, x, [2, 9], 'float32');
    expect(y).toBeInstanceOf(Float32Array);
    expect([...y]).toEqual(values.map((v) => Math.fround(f(Math.fround(v)))));
    expect([...x]).toEqual([...Float32Array.from(values)]);
  });

  it('keeps sigmoid finite and exact in both tails', () => {
    const y = run(sigmoid, Float32Array.of(-800, -100, 0, 100, 800), [5], 'float32');
    expect([...y]).toEqual([0, Math.fround(Math.exp(-100)), 0.5, 1, 1]);
  });

  it('gives sign(NaN) = 0 and sign(-0) = 0, as torch does', () => {
    const y = run(sign, Float32Array.of(NaN, -0, -2, 3), [4], 'float32');
    expect([...y]).toEqual([0, 0, -1, 1]);
  });

  it('negates, takes abs and sign of int32 with int32 wrap-around', () => {
    const x = Int32Array.of(-2147483648, -5, 0, 7, 2147483647);
    expect([...run(neg, x, [5], 'int32')]).toEqual([-2147483648, 5, 0, -7, -2147483647]);
    expect([...run(abs, x, [5], 'int32')]).toEqual([-2147483648, 5, 0, 7, 2147483647]);
    const s = run(sign, x, [5], 'int32');
    expect(s).toBeInstanceOf(Int32Array);
    expect([...s]).toEqual([-1, -1, 0, 1, 1]);
  });

  it.each(reference)('$op on float16 equals the float32 result rounded once', (kernel) => {
    const x = toFloat16Bits([-3.5, -1, -0.3, 0, 0.7, 1.5, 10, 65504]);
    const y = run(kernel, x, [8], 'float16');
    const y32 = run(kernel, fromFloat16Bits(x), [8], 'float32') as Float32Array;
    expect(y).toBeInstanceOf(Uint16Array);
    expect([...fromFloat16Bits(y as Uint16Array)]).toEqual([...y32].map(roundToFloat16));
  });

  it('handles 0-d and zero-size tensors', () => {
    expect([...run(exp, Float32Array.of(0), [], 'float32')]).toEqual([1]);
    expect(run(exp, new Float32Array(0), [3, 0], 'float32').length).toBe(0);
  });
});
