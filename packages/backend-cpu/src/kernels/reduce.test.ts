import { fromFloat16Bits, roundToFloat16, sizeOf, stridesOf, toFloat16Bits, type DType } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { mulberry32, randomFloats, runKernel, tensor } from '../../test/kernel-test-utils.js';
import type { CpuStorage } from '../cpu-storage.js';
import { max, reduceKernels, sum } from './reduce.js';

type ReduceKernel = (typeof reduceKernels)[number];

function run(kernel: ReduceKernel, storage: CpuStorage, shape: number[], axes: number[], dtype: DType = 'float32'): CpuStorage {
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return runKernel(kernel, { x: tensor(storage, shape, dtype) }, { axes }, { shape: outShape, dtype });
}

/** Reduces by decoding every input index into its output position. */
function reference(init: number, fold: (acc: number, v: number) => number, x: ArrayLike<number>, shape: number[], axes: number[]): number[] {
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = new Array<number>(sizeOf(outShape)).fill(init);
  const os = stridesOf(outShape);
  for (let i = 0; i < x.length; i++) {
    let [o, rest] = [0, i];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (!axes.includes(d)) o += (rest % shape[d]) * os[d];
      rest = Math.floor(rest / shape[d]);
    }
    out[o] = fold(out[o], x[i]);
  }
  return out;
}

const cases: [number[], number[]][] = [
  [[2, 3, 4], [0]],
  [[2, 3, 4], [1]],
  [[2, 3, 4], [2]],
  [[2, 3, 4], [0, 2]],
  [[2, 3, 4], [0, 1, 2]],
  [[2, 3, 4], []],
  [[3, 1, 5, 2], [1, 2]],
  [[4, 5], [1]],
  [[], []],
];

describe('reduce kernels', () => {
  it.each(cases)('Sum and Max of %j over axes %j match the index-decoding reference', (shape, axes) => {
    const random = mulberry32(sizeOf(shape) + axes.length);
    const x = randomFloats(sizeOf(shape), random);
    const s = run(sum, x, shape, axes);
    const want = reference(0, (a, v) => a + v, x, shape, axes);
    expect(s.length).toBe(want.length);
    s.forEach((v, i) => expect(v).toBe(Math.fround(want[i])));
    expect([...run(max, x, shape, axes)]).toEqual(reference(-Infinity, Math.max, x, shape, axes));
  });

  it('accumulates in float64, so cancellation is exact', () => {
    expect([...run(sum, Float32Array.of(1e8, 1, -1e8, 1), [4], [0])]).toEqual([2]);
  });

  it('propagates NaN through Max wherever it appears', () => {
    expect([...run(max, Float32Array.of(NaN, 1, 2, 3, NaN, 1, 5, 6, NaN), [3, 3], [1])]).toEqual([NaN, NaN, NaN]);
    expect([...run(max, Float32Array.of(NaN, 1, 2, 3, NaN, 1, 5, 6, NaN), [3, 3], [0])]).toEqual([NaN, NaN, NaN]);
  });

  it('reduces an empty axis to 0 (Sum) and -Infinity (Max)', () => {
    expect([...run(sum, new Float32Array(0), [2, 0], [1])]).toEqual([0, 0]);
    expect([...run(max, new Float32Array(0), [2, 0], [1])]).toEqual([-Infinity, -Infinity]);
    expect([...run(max, new Int32Array(0), [2, 0], [1], 'int32')]).toEqual([-2147483648, -2147483648]);
    expect(run(sum, new Float32Array(0), [0, 3], [1]).length).toBe(0);
  });

  it('sums and maxes int32 exactly, wrapping like int32', () => {
    const x = Int32Array.of(2147483647, 1, 5, 7, 100, -2147483648);
    const s = run(sum, x, [2, 3], [1], 'int32');
    expect(s).toBeInstanceOf(Int32Array);
    expect([...s]).toEqual([-2147483643, -2147483541]);
    expect([...run(max, x, [2, 3], [0], 'int32')]).toEqual([2147483647, 100, 5]);
  });

  it('rounds a float16 sum once from the float32 result', () => {
    const x = toFloat16Bits(Array.from({ length: 24 }, (_, i) => 0.1 * i - 1.3));
    const h = run(sum, x, [4, 6], [1], 'float16');
    const f = run(sum, fromFloat16Bits(x), [4, 6], [1]);
    expect([...fromFloat16Bits(h as Uint16Array)]).toEqual([...f].map(roundToFloat16));
  });
});
