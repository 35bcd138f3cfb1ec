import { toFloat16Bits, type DType, type PadMode } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { iota, ravel, runKernel, tensor, unravel } from '../../test/kernel-test-utils.js';
import type { CpuStorage } from '../cpu-storage.js';
import { pad } from './pad.js';

/** torch's F.pad on one axis, by definition: where output index i reads from (or -1 for the value). */
function padSource(i: number, n: number, before: number, mode: PadMode): number {
  let j = i - before;
  if (j >= 0 && j < n) return j;
  if (mode === 'constant') return -1;
  if (mode === 'replicate') return Math.min(Math.max(j, 0), n - 1);
  if (mode === 'circular') return ((j % n) + n) % n;
  while (j < 0 || j >= n) j = j < 0 ? -j : 2 * (n - 1) - j;
  return j;
}

describe('Pad kernel', () => {
  const run1d = (mode: PadMode, dtype: DType = 'float32', x: CpuStorage = iota(4)) =>
    [...runKernel(pad, { x: tensor(x, [4], dtype) }, { pads: [[2, 3]], mode, value: 9 }, { shape: [9], dtype })];

  it('pads a 1-d tensor like torch F.pad(arange(4), (2, 3), mode)', () => {
    expect(run1d('constant')).toEqual([9, 9, 0, 1, 2, 3, 9, 9, 9]);
    expect(run1d('reflect')).toEqual([2, 1, 0, 1, 2, 3, 2, 1, 0]);
    expect(run1d('replicate')).toEqual([0, 0, 0, 1, 2, 3, 3, 3, 3]);
    expect(run1d('circular')).toEqual([2, 3, 0, 1, 2, 3, 0, 1, 2]);
  });

  it('stores the constant in the output dtype', () => {
    expect(run1d('constant', 'int32', Int32Array.of(0, 1, 2, 3))).toEqual([9, 9, 0, 1, 2, 3, 9, 9, 9]);
    const h = runKernel(pad, { x: tensor(toFloat16Bits([1]), [1], 'float16') }, { pads: [[1, 0]], mode: 'constant', value: 0.1 }, { shape: [2], dtype: 'float16' });
    expect([...h]).toEqual([...toFloat16Bits([0.1, 1])]);
  });

  it('reflects a 2-d tensor on both axes', () => {
    const y = runKernel(pad, { x: tensor(iota(6), [2, 3]) }, { pads: [[1, 1], [1, 1]], mode: 'reflect', value: 0 }, { shape: [4, 5], dtype: 'float32' });
    expect([...y]).toEqual([4, 3, 4, 5, 4, 1, 0, 1, 2, 1, 4, 3, 4, 5, 4, 1, 0, 1, 2, 1]);
  });

  it.each(['constant', 'reflect', 'replicate', 'circular'] as const)('matches the definition for %s padding of a 3-d tensor', (mode) => {
    const shape = [3, 4, 5];
    const pads: [number, number][] = [[2, 1], [0, 3], [4, 2]];
    const outShape = shape.map((n, d) => n + pads[d][0] + pads[d][1]);
    const y = runKernel(pad, { x: tensor(iota(60), shape) }, { pads, mode, value: -1 }, { shape: outShape, dtype: 'float32' });
    const want = Array.from({ length: y.length }, (_, i) => {
      const src = unravel(i, outShape).map((v, d) => padSource(v, shape[d], pads[d][0], mode));
      return src.includes(-1) ? -1 : ravel(src, shape);
    });
    expect([...y]).toEqual(want);
  });

  it('handles 0-d, zero-size and all-padding cases', () => {
    expect([...runKernel(pad, { x: tensor(Float32Array.of(5), []) }, { pads: [], mode: 'constant', value: 0 }, { shape: [], dtype: 'float32' })]).toEqual([5]);
    expect([...runKernel(pad, { x: tensor(new Float32Array(0), [0]) }, { pads: [[1, 2]], mode: 'constant', value: 3 }, { shape: [3], dtype: 'float32' })]).toEqual([3, 3, 3]);
    expect(runKernel(pad, { x: tensor(new Float32Array(0), [0, 2]) }, { pads: [[0, 0], [1, 1]], mode: 'replicate', value: 0 }, { shape: [0, 4], dtype: 'float32' }).length).toBe(0);
  });
});
