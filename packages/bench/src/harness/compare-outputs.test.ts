import { describe, expect, it } from 'vitest';
import { compareOutputs } from './compare-outputs.js';

describe('compareOutputs', () => {
  const ref = new Float32Array([1, -4, 2]);
  it('accepts an error within tolerance × max |ref|', () => {
    const c = compareOutputs(new Float32Array([1, -4.0004, 2]), ref, 2e-4);
    expect(c.ok).toBe(true);
    expect(c.scale).toBe(4);
    expect(c.maxAbsError).toBeCloseTo(4e-4, 6);
  });
  it('flags an error beyond it', () => {
    expect(compareOutputs(new Float32Array([1, -4, 2.01]), ref, 1e-3).ok).toBe(false);
  });
  it('treats a NaN the reference lacks as a mismatch, and matching NaNs as equal', () => {
    const c = compareOutputs(new Float32Array([1, NaN, 2]), ref, 1);
    expect(c.ok).toBe(false);
    expect(c.problem).toMatch(/NaN mismatch at index 1/);
    expect(compareOutputs(new Float32Array([NaN]), new Float32Array([NaN]), 0).ok).toBe(true);
  });
  it('rejects an output of the wrong size', () => {
    expect(compareOutputs(new Float32Array(2), ref, 1).problem).toBe('2 values, expected 3');
  });
});
