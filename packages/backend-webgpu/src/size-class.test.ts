import { describe, expect, it } from 'vitest';
import { sizeClass } from './size-class.js';

describe('sizeClass', () => {
  it('is at least 16 bytes and a multiple of 4', () => {
    for (const n of [0, 1, 2, 3, 15, 16, 17, 18, 100, 1001, 65537, 3_000_001]) {
      const s = sizeClass(n);
      expect(s).toBeGreaterThanOrEqual(Math.max(n, 16));
      expect(s % 4).toBe(0);
    }
  });

  it('wastes at most 12.5 % from 32 bytes on, and below only aligns to 4', () => {
    for (let n = 17; n < 32; n++) expect(sizeClass(n)).toBe(Math.ceil(n / 4) * 4);
    for (let n = 32; n < 200_000; n = Math.ceil(n * 1.37)) expect(sizeClass(n) / n).toBeLessThanOrEqual(1.125 + 1e-9);
    expect(sizeClass(2 * 7)).toBe(16);
    expect(sizeClass(2 * 9)).toBe(20);
  });

  it('maps nearby sizes to one class, so released buffers serve them', () => {
    expect(sizeClass(1000)).toBe(sizeClass(1020));
    expect(sizeClass(1 << 20)).toBe(1 << 20);
    expect(sizeClass((1 << 20) + 1)).toBe((1 << 20) + (1 << 17));
  });
});
