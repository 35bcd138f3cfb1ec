import { sizeOf } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { iota, ravel, runKernel, tensor, unravel } from '../../test/kernel-test-utils.js';
import { slice } from './slice.js';

describe('Slice kernel', () => {
  it('takes strided and reversed windows', () => {
    const x = iota(20); // [4, 5]
    // rows 1, 3; columns 4, 2, 0
    const y = runKernel(slice, { x: tensor(x, [4, 5]) }, { starts: [1, 4], steps: [2, -2] }, { shape: [2, 3], dtype: 'float32' });
    expect([...y]).toEqual([9, 7, 5, 19, 17, 15]);
  });

  it('matches the index reference on a random 3-d slice', () => {
    const shape = [5, 6, 7];
    const x = iota(sizeOf(shape));
    const [starts, steps, outShape] = [[4, 1, 6], [-1, 2, -3], [5, 3, 3]];
    const y = runKernel(slice, { x: tensor(x, shape) }, { starts, steps }, { shape: outShape, dtype: 'float32' });
    const want = Array.from({ length: y.length }, (_, i) => ravel(unravel(i, outShape).map((v, d) => starts[d] + v * steps[d]), shape));
    expect([...y]).toEqual(want);
  });

  it('returns an empty result even when starts lie past the end', () => {
    const y = runKernel(slice, { x: tensor(iota(4), [4]) }, { starts: [4], steps: [1] }, { shape: [0], dtype: 'float32' });
    expect(y.length).toBe(0);
  });
});
