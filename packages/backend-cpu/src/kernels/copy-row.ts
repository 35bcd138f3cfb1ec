import type { CpuStorage } from '../cpu-storage.js';

/**
 * Copies `n` raw elements between strided positions of two arrays of the same element type, so
 * movement kernels never convert (float16 bits move as bits). The row loop a WASM build replaces.
 */
export function copyRow(x: CpuStorage, xo: number, xs: number, y: CpuStorage, yo: number, ys: number, n: number): void {
  // A subarray costs an allocation, which pays off only on long contiguous rows.
  if (xs === 1 && ys === 1 && n >= 64) {
    y.set(x.subarray(xo, xo + n), yo);
    return;
  }
  for (let i = 0; i < n; i++) y[yo + i * ys] = x[xo + i * xs];
}
