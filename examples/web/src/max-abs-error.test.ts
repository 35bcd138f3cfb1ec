import { describe, expect, it } from 'vitest';
import { maxAbsError } from './max-abs-error.js';

describe('maxAbsError', () => {
  it('is the largest absolute difference', () => {
    expect(maxAbsError(Float32Array.of(1, -2, 3), Float32Array.of(1.5, -2, 2))).toBe(1);
  });

  it('never passes a NaN sample or a length mismatch', () => {
    expect(maxAbsError(Float32Array.of(0, NaN), Float32Array.of(0, 0))).toBe(Infinity);
    expect(maxAbsError(Float32Array.of(0), Float32Array.of(0, 0))).toBe(Infinity);
  });
});
