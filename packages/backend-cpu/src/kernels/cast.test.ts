import { fromFloat16Bits, toFloat16Bits, type DType } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { runKernel, tensor } from '../../test/kernel-test-utils.js';
import type { CpuStorage } from '../cpu-storage.js';
import { cast } from './cast.js';

function run(storage: CpuStorage, from: DType, to: DType): CpuStorage {
  return runKernel(cast, { x: tensor(storage, [storage.length], from) }, { dtype: to }, { shape: [storage.length], dtype: to });
}

describe('Cast kernel', () => {
  it('truncates float32 toward zero into int32, with x86 results for NaN and out-of-range values', () => {
    const y = run(Float32Array.of(2.9, -2.9, -0.5, 0, 2147483520, -2147483648, 3e9, -3e9, NaN, Infinity), 'float32', 'int32');
    expect(y).toBeInstanceOf(Int32Array);
    expect([...y]).toEqual([2, -2, 0, 0, 2147483520, -2147483648, -2147483648, -2147483648, -2147483648, -2147483648]);
  });

  it('rounds int32 to the nearest float32', () => {
    const y = run(Int32Array.of(16777217, -7, 2147483647), 'int32', 'float32');
    expect(y).toBeInstanceOf(Float32Array);
    expect([...y]).toEqual([16777216, -7, 2147483648]);
  });

  it('converts between float32 and float16 with one rounding', () => {
    const x = Float32Array.of(1 + 2 ** -11, 1 + 3 * 2 ** -11, 65520, -1e-8, 0.1);
    const h = run(x, 'float32', 'float16');
    expect(h).toBeInstanceOf(Uint16Array);
    expect([...h]).toEqual([...toFloat16Bits(x)]);
    expect([...run(h, 'float16', 'float32')]).toEqual([...fromFloat16Bits(h as Uint16Array)]);
  });

  it('converts int32 to float16 and float16 to int32', () => {
    expect([...fromFloat16Bits(run(Int32Array.of(2049, -3, 70000), 'int32', 'float16') as Uint16Array)]).toEqual([2048, -3, Infinity]);
    expect([...run(toFloat16Bits([-2.5, 7.75, Infinity]), 'float16', 'int32')]).toEqual([-2, 7, -2147483648]);
  });

  it('returns a fresh copy for the same dtype', () => {
    const x = Int32Array.of(1, 2);
    const y = run(x, 'int32', 'int32');
    expect([...y]).toEqual([1, 2]);
    expect(y).not.toBe(x);
  });

  it('handles zero-size tensors', () => {
    expect(run(new Float32Array(0), 'float32', 'int32').length).toBe(0);
  });
});
