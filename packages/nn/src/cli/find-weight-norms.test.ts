import { CheckpointError } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { foldWeight } from './fold-entries.js';
import { findWeightNorms, inferWeightNormDim } from './find-weight-norms.js';

describe('inferWeightNormDim', () => {
  it.each([
    [[4, 1, 1], [4, 3, 5], 0],
    [[1, 3, 1], [4, 3, 5], 1],
    [[1, 1, 5], [4, 3, 5], 2],
    [[], [4, 3, 5], null],
    // conv_post of HiFi-GAN: v [1, 32, 7], g [1, 1, 1] — dim 0 and "whole tensor" give the same w.
    [[1, 1, 1], [1, 32, 7], 0],
    [[1, 1, 1], [4, 3, 5], null],
  ])('g %j of v %j → dim %s', (g, v, dim) => {
    expect(inferWeightNormDim(g, v, 'w_g shape')).toBe(dim);
  });

  it.each([[[4, 3, 1], [4, 3, 5]], [[2, 1, 1], [4, 3, 5]], [[4, 1], [4, 3, 5]]])('rejects g %j for v %j', (g, v) => {
    expect(() => inferWeightNormDim(g, v, 'w_g shape')).toThrow(CheckpointError);
    expect(() => inferWeightNormDim(g, v, 'w_g shape')).toThrow(`w_g shape must be a g shaped like v ${JSON.stringify(v)}`);
  });
});

describe('findWeightNorms', () => {
  it('pairs both namings in file order and reports lone halves', () => {
    const shapes = new Map<string, number[]>([
      ['a.bias', [2]],
      ['a.weight_g', [2, 1]],
      ['a.weight_v', [2, 3]],
      ['b.parametrizations.weight.original1', [3, 2]],
      ['b.parametrizations.weight.original0', [1, 2]],
      ['c.weight_v', [3]],
      ['running_avg', [1]],
    ]);
    const { pairs, unpaired } = findWeightNorms(shapes);
    expect(pairs).toEqual([
      { weight: 'a.weight', g: 'a.weight_g', v: 'a.weight_v', dim: 0, naming: 'legacy' },
      { weight: 'b.weight', g: 'b.parametrizations.weight.original0', v: 'b.parametrizations.weight.original1', dim: 1, naming: 'parametrizations' },
    ]);
    expect(unpaired).toEqual(['c.weight_v']);
  });

  it('refuses to fold over an existing weight', () => {
    const shapes = new Map<string, number[]>([['w', [2]], ['w_g', [2]], ['w_v', [2]]]);
    expect(() => findWeightNorms(shapes)).toThrow('w must be absent when its g and v are present');
  });
});

describe('foldWeight', () => {
  it('computes g·v/‖v‖ per slice of dim, or over everything', () => {
    const v = Float32Array.from([3, 4, 0, 5]);
    expect(Array.from(foldWeight(v, [2, 2], Float32Array.from([10, 2]), 0))).toEqual([6, 8, 0, 2]);
    expect(Array.from(foldWeight(v, [2, 2], Float32Array.from([1, 1]), 1))).toEqual([1, 4 / Math.hypot(4, 5), 0, 5 / Math.hypot(4, 5)].map(Math.fround));
    expect(Array.from(foldWeight(v, [2, 2], Float32Array.from([5 * Math.SQRT2]), null))).toEqual([3, 4, 0, 5].map((x) => Math.fround((5 * Math.SQRT2 * x) / Math.sqrt(50))));
    expect(Number.isNaN(foldWeight(Float32Array.from([0, 0]), [1, 2], Float32Array.from([1]), 0)[0])).toBe(true);
  });
});
