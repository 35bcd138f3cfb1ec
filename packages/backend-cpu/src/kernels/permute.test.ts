import { sizeOf } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { iota, ravel, runKernel, tensor, unravel } from '../../test/kernel-test-utils.js';
import { permute } from './permute.js';

describe('Permute kernel', () => {
  it.each([
    [[2, 3], [1, 0]],
    [[2, 3, 4, 5], [2, 0, 3, 1]],
    [[2, 1, 3], [1, 2, 0]],
    [[4, 0, 2], [2, 0, 1]],
    [[], []],
  ])('permutes %j by %j', (shape, perm) => {
    const x = iota(sizeOf(shape));
    const outShape = perm.map((p) => shape[p]);
    const y = runKernel(permute, { x: tensor(x, shape) }, { perm }, { shape: outShape, dtype: 'float32' });
    const want = Array.from({ length: y.length }, (_, i) => {
      const o = unravel(i, outShape);
      const src = new Array<number>(shape.length);
      perm.forEach((p, d) => (src[p] = o[d]));
      return ravel(src, shape);
    });
    expect([...y]).toEqual(want);
  });

  it('moves float16 bits and int32 values unchanged', () => {
    const h = Uint16Array.of(0x7e00, 0x8000, 0x3c00, 0x0001);
    expect([...runKernel(permute, { x: tensor(h, [2, 2], 'float16') }, { perm: [1, 0] }, { shape: [2, 2], dtype: 'float16' })]).toEqual([0x7e00, 0x3c00, 0x8000, 0x0001]);
    const i = Int32Array.of(-2147483648, 1, 2, 2147483647);
    expect([...runKernel(permute, { x: tensor(i, [2, 2], 'int32') }, { perm: [1, 0] }, { shape: [2, 2], dtype: 'int32' })]).toEqual([-2147483648, 2, 1, 2147483647]);
  });
});
