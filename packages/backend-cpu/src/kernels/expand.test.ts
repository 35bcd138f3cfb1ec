import { describe, expect, it } from 'vitest';
import { runKernel, tensor } from '../../test/kernel-test-utils.js';
import { expand } from './expand.js';

describe('Expand kernel', () => {
  it('repeats size-1 axes', () => {
    const y = runKernel(expand, { x: tensor(Float32Array.of(1, 2, 3), [3, 1]) }, { shape: [3, 2] }, { shape: [3, 2], dtype: 'float32' });
    expect([...y]).toEqual([1, 1, 2, 2, 3, 3]);
    const z = runKernel(expand, { x: tensor(Int32Array.of(4, 5), [1, 2, 1]) }, { shape: [2, 2, 3] }, { shape: [2, 2, 3], dtype: 'int32' });
    expect([...z]).toEqual([4, 4, 4, 5, 5, 5, 4, 4, 4, 5, 5, 5]);
  });

  it('handles 0-d-like and zero-size targets', () => {
    expect([...runKernel(expand, { x: tensor(Float32Array.of(7), []) }, { shape: [] }, { shape: [], dtype: 'float32' })]).toEqual([7]);
    expect(runKernel(expand, { x: tensor(Float32Array.of(7), [1, 1]) }, { shape: [0, 3] }, { shape: [0, 3], dtype: 'float32' }).length).toBe(0);
  });
});
