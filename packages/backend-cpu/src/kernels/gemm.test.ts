import { describe, expect, it } from 'vitest';
import { expectWithin, mulberry32, naiveMatmul, randomFloats } from '../../test/kernel-test-utils.js';
import { gemm } from './gemm.js';

function expectClose(got: Float32Array, want: Float64Array): void {
  // One rounding to float32 of a float64-accumulated sum: within half an ulp, up to float64 noise.
  expectWithin(got, want, (i) => Math.abs(want[i]) * 2 ** -24 + 1e-12);
}

describe('gemm', () => {
  // Sizes straddle the 32-row, 512-column and 128-deep blocks and the 4-row unroll.
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 7],
    [4, 4, 4],
    [33, 17, 129],
    [37, 515, 131],
    [65, 9, 257],
    [7, 1030, 3],
  ];

  it.each(sizes)('matches the float64 triple loop for M=%i N=%i K=%i', (m, n, k) => {
    const random = mulberry32(m * 1000 + n * 10 + k);
    const a = randomFloats(m * k, random);
    const b = randomFloats(k * n, random);
    const c = new Float32Array(m * n);
    gemm(m, n, k, a, 0, k, 1, b, 0, n, c, 0, n, false);
    expectClose(c, naiveMatmul(m, n, k, (i, p) => a[i * k + p], b));
  });

  it('reads a transposed A through its strides and accumulates onto C', () => {
    const [m, n, k] = [45, 70, 133];
    const random = mulberry32(5);
    const at = randomFloats(k * m, random); // A stored as [K, M]
    const b = randomFloats(k * n, random);
    const c0 = randomFloats(m * n, random);
    const c = c0.slice();
    gemm(m, n, k, at, 0, 1, m, b, 0, n, c, 0, n, true);
    expectClose(c, naiveMatmul(m, n, k, (i, p) => at[p * m + i], b, c0));
  });

  it('honours offsets and leading dimensions, leaving the rest of C alone', () => {
    const [m, n, k] = [5, 6, 9];
    const random = mulberry32(9);
    const lda = 11;
    const ldb = 8;
    const ldc = 10;
    const a = randomFloats(3 + m * lda, random);
    const b = randomFloats(2 + k * ldb, random);
    const c = new Float32Array(4 + m * ldc).fill(7);
    gemm(m, n, k, a, 3, lda, 1, b, 2, ldb, c, 4, ldc, false);
    const dense = Float32Array.from({ length: k * n }, (_, i) => b[2 + Math.floor(i / n) * ldb + (i % n)]);
    const want = naiveMatmul(m, n, k, (i, p) => a[3 + i * lda + p], dense);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < ldc; j++) {
        const got = c[4 + i * ldc + j];
        if (j < n) expect(Math.abs(got - want[i * n + j])).toBeLessThan(1e-6);
        else expect(got).toBe(7);
      }
    }
    for (let i = 0; i < 4; i++) expect(c[i]).toBe(7);
  });

  it('writes C with strided columns (a strided ConvTranspose tap), leaving the gaps alone', () => {
    const [m, n, k, cCol] = [35, 300, 140, 3];
    const random = mulberry32(3);
    const a = randomFloats(m * k, random);
    const b = randomFloats(k * n, random);
    const ldc = n * cCol + 1;
    const c0 = randomFloats(m * ldc, random);
    const c = c0.slice();
    gemm(m, n, k, a, 0, k, 1, b, 0, n, c, 0, ldc, true, cCol);
    const dense = Float32Array.from({ length: m * n }, (_, i) => c0[Math.floor(i / n) * ldc + (i % n) * cCol]);
    const want = naiveMatmul(m, n, k, (i, p) => a[i * k + p], b, dense);
    for (let i = 0; i < m * ldc; i++) {
      const col = i % ldc;
      if (col < n * cCol && col % cCol === 0) {
        expect(Math.abs(c[i] - want[Math.floor(i / ldc) * n + col / cCol])).toBeLessThan(1e-5);
      } else {
        expect(c[i]).toBe(c0[i]);
      }
    }
  });

  it('writes zeros for K = 0 and does nothing for M = 0 or N = 0', () => {
    const c = new Float32Array(6).fill(3);
    gemm(2, 3, 0, new Float32Array(0), 0, 0, 1, new Float32Array(0), 0, 3, c, 0, 3, false);
    expect([...c]).toEqual([0, 0, 0, 0, 0, 0]);
    const d = new Float32Array(6).fill(3);
    gemm(2, 3, 0, new Float32Array(0), 0, 0, 1, new Float32Array(0), 0, 3, d, 0, 3, true);
    expect([...d]).toEqual([3, 3, 3, 3, 3, 3]);
    gemm(0, 3, 4, new Float32Array(0), 0, 4, 1, new Float32Array(12), 0, 3, d, 0, 3, false);
    gemm(2, 0, 4, new Float32Array(8), 0, 4, 1, new Float32Array(0), 0, 0, d, 0, 0, false);
    expect([...d]).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it('propagates NaN and Infinity instead of skipping zeros', () => {
    const c = new Float32Array(1);
    gemm(1, 1, 2, Float32Array.of(0, 1), 0, 2, 1, Float32Array.of(Infinity, 1), 0, 1, c, 0, 1, false);
    expect(c[0]).toBeNaN();
  });
});
