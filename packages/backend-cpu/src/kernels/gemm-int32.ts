/**
 * C[M, N] = A[M, K] · B[K, N] on int32, wrapping modulo 2³² as torch's int32 matmul does. Each
 * product goes through Math.imul (a float64 product past 2⁵³ would lose the low bits) and each
 * partial sum stays below 2³² in magnitude, so the Int32Array store wraps it exactly.
 */
export function gemmInt32(
  m: number,
  n: number,
  k: number,
  a: Int32Array,
  aOff: number,
  b: Int32Array,
  bOff: number,
  c: Int32Array,
  cOff: number,
): void {
  for (let i = 0; i < m; i++) {
    const ci = cOff + i * n;
    for (let p = 0; p < k; p++) {
      const x = a[aOff + i * k + p];
      const bp = bOff + p * n;
      for (let j = 0; j < n; j++) c[ci + j] += Math.imul(x, b[bp + j]);
    }
  }
}
