import { describe, expect, it } from 'vitest';
import { convTransposeRef } from './conv-transpose.js';
import { convRef } from './conv.js';
import { erf, pow } from './elementwise.js';
import { matmulRef } from './matmul.js';
import { padTorchRef } from './movement.js';
import { nd } from './nd-array.js';
import { weightNormRef } from './weight-norm.js';

// Expected values are torch's (and, for erf, scipy's float64) outputs for the same inputs.
describe('references', () => {
  it('erf is accurate to a few float64 ulps on both sides of the series/fraction switch', () => {
    const known: [number, number][] = [
      [1e-5, 1.1283791670578999e-5],
      [0.1, 0.1124629160182849],
      [1, 0.8427007929497149],
      [-2, -0.9953222650189527],
      [2.5, 0.999593047982555],
      [3, 0.9999779095030014],
      [5, 0.9999999999984626],
    ];
    for (const [x, e] of known) expect(Math.abs(erf(x) - e)).toBeLessThan(1e-14);
    expect(erf(Infinity)).toBe(1);
    expect(erf(NaN)).toBeNaN();
  });

  it('pow follows C where Math.pow does not', () => {
    expect(pow(1, NaN)).toBe(1);
    expect(pow(-1, Infinity)).toBe(1);
    expect(pow(NaN, 0)).toBe(1);
    expect(pow(-2, 3)).toBe(-8);
    expect(pow(-2, 0.5)).toBeNaN();
  });

  it("pads like F.pad(arange(4), (2, 2), mode)", () => {
    const x = nd([4], [0, 1, 2, 3]);
    expect(Array.from(padTorchRef(x, [2, 2], 'reflect').data)).toEqual([2, 1, 0, 1, 2, 3, 2, 1]);
    expect(Array.from(padTorchRef(x, [2, 2], 'circular').data)).toEqual([2, 3, 0, 1, 2, 3, 0, 1]);
    expect(Array.from(padTorchRef(x, [2, 2], 'replicate').data)).toEqual([0, 0, 0, 1, 2, 3, 3, 3]);
    expect(Array.from(padTorchRef(x, [1, 2], 'constant', 9).data)).toEqual([9, 0, 1, 2, 3, 9, 9]);
  });

  it('convolves like F.conv1d and F.conv_transpose1d', () => {
    const y = convRef(nd([1, 1, 5], [1, 2, 3, 4, 5]), nd([1, 1, 2], [1, 10]), nd([1], [100]), {
      stride: [2],
      padding: [[1, 0]],
      dilation: [1],
      groups: 1,
    });
    expect(Array.from(y.data)).toEqual([110, 132, 154]);
    const opts = (padding: number) => ({ stride: [2], padding: [padding], outputPadding: [0], dilation: [1], groups: 1 });
    const x = nd([1, 1, 3], [1, 2, 3]);
    const w = nd([1, 1, 2], [1, 1]);
    expect(Array.from(convTransposeRef(x, w, null, opts(0)).data)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(Array.from(convTransposeRef(x, w, null, opts(1)).data)).toEqual([1, 2, 2, 3]);
  });

  it('multiplies like torch.matmul, dropping the axis of a 1-d operand', () => {
    const y = matmulRef(nd([2, 2], [1, 2, 3, 4]), nd([2], [5, 6]));
    expect(y.shape).toEqual([2]);
    expect(Array.from(y.data)).toEqual([17, 39]);
  });

  it('gives NaN for a zero row of weight norm with eps 0', () => {
    const w = weightNormRef(nd([2, 2], [3, 4, 0, 0]), nd([2], [10, 1]), 0);
    expect(Array.from(w.data.slice(0, 2))).toEqual([6, 8]);
    expect(Array.from(w.data.slice(2)).every(Number.isNaN)).toBe(true);
  });
});
