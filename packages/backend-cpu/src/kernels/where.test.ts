import { toFloat16Bits } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { runKernel, tensor } from '../../test/kernel-test-utils.js';
import { where } from './where.js';

describe('Where kernel', () => {
  it('selects elementwise with three-way broadcasting', () => {
    // cond [2, 1] × a [1, 3] × b [] (rank-matched to [1, 1]).
    const y = runKernel(
      where,
      { cond: tensor(Float32Array.of(1, 0), [2, 1]), a: tensor(Float32Array.of(1, 2, 3), [1, 3]), b: tensor(Float32Array.of(-1), [1, 1]) },
      {},
      { shape: [2, 3], dtype: 'float32' },
    );
    expect([...y]).toEqual([1, 2, 3, -1, -1, -1]);
  });

  it('treats NaN as true and -0 as false, for float32 and float16 conditions', () => {
    for (const [dtype, cond] of [
      ['float32', Float32Array.of(NaN, -0, 0, 2)],
      ['float16', toFloat16Bits([NaN, -0, 0, 2])],
    ] as const) {
      const y = runKernel(
        where,
        { cond: tensor(cond, [4], dtype), a: tensor(Int32Array.of(1, 1, 1, 1), [4], 'int32'), b: tensor(Int32Array.of(0, 0, 0, 0), [4], 'int32') },
        {},
        { shape: [4], dtype: 'int32' },
      );
      expect(y).toBeInstanceOf(Int32Array);
      expect([...y]).toEqual([1, 0, 0, 1]);
    }
  });

  it('copies float16 bits unchanged', () => {
    const a = Uint16Array.of(0x3c01, 0x7e00);
    const b = Uint16Array.of(0xfbff, 0x0001);
    const y = runKernel(
      where,
      { cond: tensor(Int32Array.of(0, 1), [2], 'int32'), a: tensor(a, [2], 'float16'), b: tensor(b, [2], 'float16') },
      {},
      { shape: [2], dtype: 'float16' },
    );
    expect([...y]).toEqual([0xfbff, 0x7e00]);
  });

  it('handles 0-d and zero-size outputs', () => {
    const one = (v: number) => tensor(Float32Array.of(v), []);
    expect([...runKernel(where, { cond: one(0), a: one(1), b: one(2) }, {}, { shape: [], dtype: 'float32' })]).toEqual([2]);
    const empty = tensor(new Float32Array(0), [0]);
    expect(runKernel(where, { cond: empty, a: empty, b: empty }, {}, { shape: [0], dtype: 'float32' }).length).toBe(0);
  });
});
