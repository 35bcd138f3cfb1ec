import type { CpuContext } from '../cpu-context.js';

/** Side of the blocks the TypeScript loop moves, so its strided side stays in cache. */
const BLOCK = 32;

/**
 * dst[dOff + j·ldd + i] = src[sOff + i·lds + j] for i < rows, j < cols: a row-major matrix into
 * its transpose, as WebAssembly SIMD (4×4 squares through registers) when both arrays live in
 * the heap, in blocks in TypeScript otherwise. Used for relayouts a kernel does once per call (a
 * ConvTranspose weight into tap-major order), which a plain strided loop runs at a fraction of
 * copy speed.
 */
export function transposeF32(
  ctx: CpuContext,
  src: Float32Array,
  sOff: number,
  lds: number,
  rows: number,
  cols: number,
  dst: Float32Array,
  dOff: number,
  ldd: number,
): void {
  const heap = ctx.wasm?.heap;
  const [s, d] = heap ? [heap.addressOf(src), heap.addressOf(dst)] : [-1, -1];
  if (s >= 0 && d >= 0) {
    ctx.wasm!.kernels.transposeF32(s + sOff * 4, lds, rows, cols, d + dOff * 4, ldd);
    return;
  }
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const i1 = Math.min(rows, i0 + BLOCK);
    for (let j = 0; j < cols; j++) {
      let from = sOff + i0 * lds + j;
      const to = dOff + j * ldd;
      for (let i = i0; i < i1; i++, from += lds) dst[to + i] = src[from];
    }
  }
}
