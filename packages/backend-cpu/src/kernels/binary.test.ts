import { fromFloat16Bits, roundToFloat16, sizeOf, stridesOf, toFloat16Bits, type DType } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { mulberry32, runKernel, tensor } from '../../test/kernel-test-utils.js';
import type { CpuStorage } from '../cpu-storage.js';
import { add, binaryKernels, div, equal, greater, less, maximum, minimum, mul, pow, sub } from './binary.js';

type BinaryKernel = (typeof binaryKernels)[number];

function run(kernel: BinaryKernel, a: CpuStorage, aShape: number[], b: CpuStorage, bShape: number[], dtype: DType): CpuStorage {
  const shape = aShape.map((d, i) => (d === 1 ? bShape[i] : d));
  return runKernel(kernel, { a: tensor(a, aShape, dtype), b: tensor(b, bShape, dtype) }, {}, { shape, dtype });
}

/** Broadcasts by decoding every output index, the slow obvious way. */
function referenceBroadcast(f: (a: number, b: number) => number, a: ArrayLike<number>, aShape: number[], b: ArrayLike<number>, bShape: number[]): number[] {
  const shape = aShape.map((d, i) => (d === 1 ? bShape[i] : d));
  const [as, bs] = [stridesOf(aShape), stridesOf(bShape)];
  const out: number[] = [];
  for (let i = 0; i < sizeOf(shape); i++) {
    let [ao, bo, rest] = [0, 0, i];
    for (let d = shape.length - 1; d >= 0; d--) {
      const c = rest % shape[d];
      rest = Math.floor(rest / shape[d]);
      if (aShape[d] !== 1) ao += c * as[d];
      if (bShape[d] !== 1) bo += c * bs[d];
    }
    out.push(f(a[ao], b[bo]));
  }
  return out;
}

const reference: [BinaryKernel, (a: number, b: number) => number][] = [
  [add, (a, b) => a + b],
  [sub, (a, b) => a - b],
  [mul, (a, b) => a * b],
  [div, (a, b) => a / b],
  [pow, (a, b) => Math.pow(a, b)],
  [maximum, Math.max],
  [minimum, Math.min],
  [greater, (a, b) => Number(a > b)],
  [less, (a, b) => Number(a < b)],
  [equal, (a, b) => Number(a === b)],
];

// Shapes of a and b (same rank, as core hands them over): same shape, scalar b, and broadcasts
// on inner, outer and interleaved axes, including a zero-size one.
const shapes: [number[], number[]][] = [
  [[2, 3, 4], [2, 3, 4]],
  [[2, 3, 4], [1, 1, 1]],
  [[1, 1, 1], [2, 3, 4]],
  [[2, 3, 4], [1, 3, 1]],
  [[2, 1, 4], [1, 3, 1]],
  [[5, 1], [1, 7]],
  [[3, 1, 2, 1], [1, 4, 1, 5]],
  [[2, 0, 3], [2, 1, 3]],
  [[], []],
];

describe('binary kernels', () => {
  it('lists one kernel per binary op', () => {
    expect(binaryKernels.map((k) => k.op)).toEqual(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Maximum', 'Minimum', 'Greater', 'Less', 'Equal']);
  });

  it.each(reference)('$op broadcasts by strides like the index-decoding reference', (kernel, f) => {
    const random = mulberry32(kernel.op.length);
    for (const [aShape, bShape] of shapes) {
      // Coarse values so Equal sees ties; positive bases keep Pow real.
      const a = Float32Array.from({ length: sizeOf(aShape) }, () => Math.round(random() * 8) / 2);
      const b = Float32Array.from({ length: sizeOf(bShape) }, () => Math.round(random() * 8) / 2 - 1);
      const y = run(kernel, a, aShape, b, bShape, 'float32');
      expect([...y]).toEqual(referenceBroadcast(f, a, aShape, b, bShape).map(Math.fround));
    }
  });

  it('follows C pow where Math.pow differs', () => {
    const a = Float32Array.of(1, 1, -1, -1, NaN, 2, -8);
    const b = Float32Array.of(NaN, Infinity, Infinity, -Infinity, 0, NaN, 1 / 3);
    expect([...run(pow, a, [7], b, [7], 'float32')]).toEqual([1, 1, 1, 1, 1, NaN, NaN]);
  });

  it('propagates NaN through maximum and minimum', () => {
    const a = Float32Array.of(NaN, 1, 2);
    const b = Float32Array.of(1, NaN, 3);
    expect([...run(maximum, a, [3], b, [3], 'float32')]).toEqual([NaN, NaN, 3]);
    expect([...run(minimum, a, [3], b, [3], 'float32')]).toEqual([NaN, NaN, 2]);
  });

  it('computes int32 arithmetic with int32 wrap-around', () => {
    const a = Int32Array.of(2147483647, -2147483648, 123456789, -7, 6);
    const b = Int32Array.of(1, 1, 987654321, 3, -4);
    const at = (k: BinaryKernel) => [...run(k, a, [5], b, [5], 'int32')];
    expect(at(add)).toEqual([-2147483648, -2147483647, 1111111110, -4, 2]);
    expect(at(sub)).toEqual([2147483646, 2147483647, -864197532, -10, 10]);
    expect(at(mul)).toEqual([2147483647, -2147483648, Math.imul(123456789, 987654321), -21, -24]);
    expect(at(maximum)).toEqual([2147483647, 1, 987654321, 3, 6]);
    expect(at(minimum)).toEqual([1, -2147483648, 123456789, -7, -4]);
    expect(at(greater)).toEqual([1, 0, 0, 0, 1]);
    expect(at(less)).toEqual([0, 1, 1, 1, 0]);
    expect(at(equal)).toEqual([0, 0, 0, 0, 0]);
    expect(run(add, a, [5], b, [5], 'int32')).toBeInstanceOf(Int32Array);
  });

  it.each(reference)('$op on float16 equals the float32 result rounded once', (kernel) => {
    const a = toFloat16Bits([0.1, 1.5, 3, 100, 0.333, 7, 2, 60000]);
    const b = toFloat16Bits([0.2, 1.5, -2, 0.01, 3, 7, 0.5, 2]);
    const y = run(kernel, a, [2, 4], b, [2, 4], 'float16');
    const y32 = run(kernel, fromFloat16Bits(a), [2, 4], fromFloat16Bits(b), [2, 4], 'float32');
    expect(y).toBeInstanceOf(Uint16Array);
    expect([...fromFloat16Bits(y as Uint16Array)]).toEqual([...y32].map(roundToFloat16));
  });
});
