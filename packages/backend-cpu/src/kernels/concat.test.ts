import { sizeOf } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { ravel, runKernel, tensor, unravel } from '../../test/kernel-test-utils.js';
import { concat } from './concat.js';

describe('Concat kernel', () => {
  it.each([0, 1, 2])('joins along axis %i, including a zero-size piece', (axis) => {
    const shapes = [[2, 3, 4], [2, 3, 4], [2, 3, 4]];
    shapes[1][axis] = 0;
    shapes[2][axis] = 2;
    let next = 0;
    const xs = shapes.map((s) => tensor(Float32Array.from({ length: sizeOf(s) }, () => next++), s));
    const outShape = [2, 3, 4];
    const firstSize = shapes[0][axis];
    outShape[axis] = firstSize + 2;
    const y = runKernel(concat, { xs }, { axis }, { shape: outShape, dtype: 'float32' });
    const want = Array.from({ length: y.length }, (_, i) => {
      const index = unravel(i, outShape);
      const first = index[axis] < firstSize;
      const src = index.slice();
      if (!first) src[axis] -= firstSize;
      return first ? (xs[0].storage[ravel(src, shapes[0])] as number) : (xs[2].storage[ravel(src, shapes[2])] as number);
    });
    expect([...y]).toEqual(want);
  });

  it('keeps float16 bits', () => {
    const y = runKernel(concat, { xs: [tensor(Uint16Array.of(1, 2), [2], 'float16'), tensor(Uint16Array.of(0x7e00), [1], 'float16')] }, { axis: 0 }, { shape: [3], dtype: 'float16' });
    expect(y).toBeInstanceOf(Uint16Array);
    expect([...(y as Uint16Array)]).toEqual([1, 2, 0x7e00]);
  });
});
