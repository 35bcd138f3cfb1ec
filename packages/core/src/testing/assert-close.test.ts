import { describe, expect, it } from 'vitest';
import { assertClose } from './assert-close.js';

const tol = { rtol: 1e-5, atolScale: 1e-6 };

describe('assertClose', () => {
  it('accepts values within rtol and the scaled atol', () => {
    expect(() => assertClose('c', [1.000001, 100, 1e-5], [1, 100, 0], [3], tol)).not.toThrow();
  });

  it('names the case, the worst index, both values and the tolerance', () => {
    expect(() => assertClose('Add/x/float32', [1, 2.1, 3.5], [1, 2, 3], [1, 3], tol)).toThrow(
      /^Add\/x\/float32: 2 of 3 values differ; worst at index 2 \[0, 2\]: got 3.5, expected 3 \(tolerance 3\.3\d*e-5: rtol 1e-5, atol 3\.000e-6\)/,
    );
  });

  it('requires NaN exactly where the reference has NaN', () => {
    expect(() => assertClose('c', [NaN, 1], [NaN, 1], [2], tol)).not.toThrow();
    expect(() => assertClose('c', [0, 1], [NaN, 1], [2], tol)).toThrow(/index 0 \[0\]: got 0, expected NaN/);
    expect(() => assertClose('c', [NaN, 1], [0, 1], [2], tol)).toThrow(/got NaN, expected 0/);
  });

  it('requires the same infinity', () => {
    expect(() => assertClose('c', [Infinity, -Infinity], [Infinity, -Infinity], [2], tol)).not.toThrow();
    expect(() => assertClose('c', [-Infinity], [Infinity], [1], tol)).toThrow(/got -Infinity, expected Infinity/);
    expect(() => assertClose('c', [3.4e38], [Infinity], [1], tol)).toThrow(/expected Infinity \(tolerance exact/);
  });

  it('is exact for a zero tolerance and checks the length', () => {
    expect(() => assertClose('c', [16777216], [16777217], [1], { rtol: 0, atolScale: 0 })).toThrow(/got 16777216/);
    expect(() => assertClose('c', [1, 2], [1], [1], tol)).toThrow(/got 2 values, expected 1/);
  });
});
