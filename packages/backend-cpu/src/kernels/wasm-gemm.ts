import { gemm as tsGemm } from './gemm.js';
import type { GemmFn } from './gemm-fn.js';
import type { WasmRuntime } from './wasm-runtime.js';
import { THREAD_WORK, type WasmJob } from './wasm-worker-pool.js';

/** Columns of the module's register tile: a thread's slice of N is a multiple of it. */
const NR = 8;
/** Rows of the register tile, for slices of M. */
const MR = 4;
/** Multiply-adds a slice must have at least: below it, handing it to a helper costs more than it saves. */
const MIN_SLICE_WORK = 1 << 19;

/**
 * The WebAssembly SIMD GEMM (assembly/gemm-f32.ts) on `runtime`: packed panels and 4×8 f32x4
 * register tiles, accumulated in float32 as torch's CPU GEMM does, split across the runtime's
 * helpers by columns (or rows, for narrow products) when the product is large enough.
 *
 * Operands that already live in the runtime's heap (tensors the hot kernels produced, column
 * buffers) are used in place; any other is copied in for the call (O(MK + KN + MN) against O(MNK)
 * work) and C copied back out. Where the heap cannot hold those copies the TypeScript GEMM runs.
 */
export function createWasmGemm(runtime: WasmRuntime): GemmFn {
  const { heap, memory, kernels } = runtime;

  /**
   * Runs the product in slices of N (or of M, for narrow products) on this thread and the
   * helpers, each slice a multiple of the register tile and at least MIN_SLICE_WORK; one call when
   * the product is small or no helper is up.
   */
  function multiply(m: number, n: number, k: number, a: number, aRow: number, aCol: number, b: number, ldb: number, c: number, ldc: number, cCol: number, accumulate: number): void {
    const byColumns = n >= 4 * NR || n >= m;
    const size = byColumns ? n : m;
    const unit = byColumns ? NR : MR;
    const parts = Math.min(runtime.slices(), Math.floor((m * n * k) / MIN_SLICE_WORK), Math.ceil(size / unit));
    if (parts <= 1) {
      kernels.gemm(m, n, k, a, aRow, aCol, b, ldb, c, ldc, cCol, accumulate, runtime.workArea(0));
      return;
    }
    const slice = Math.ceil(size / parts / unit) * unit;
    const jobs: WasmJob[] = [];
    for (let start = 0; start < size; start += slice) {
      const len = Math.min(slice, size - start);
      jobs.push(
        byColumns
          ? ['gemm', m, len, k, a, aRow, aCol, b + start * 4, ldb, c + start * cCol * 4, ldc, cCol, accumulate, THREAD_WORK]
          : ['gemm', len, n, k, a + start * aRow * 4, aRow, aCol, b, ldb, c + start * ldc * 4, ldc, cCol, accumulate, THREAD_WORK],
      );
    }
    runtime.parallel(jobs);
  }

  return (m, n, k, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc, accumulate, cCol = 1) => {
    if (m === 0 || n === 0) return;
    const aHeap = heap.addressOf(a);
    const bHeap = heap.addressOf(b);
    const cHeap = heap.addressOf(c);
    // Copies for the operands that live elsewhere: A dense (keeping whichever axis is contiguous
    // contiguous), B and C row-major with leading dimension n.
    const aAt = aHeap < 0 ? heap.alloc(m * k * 4) : aHeap + aOff * 4;
    const bAt = bHeap < 0 ? heap.alloc(k * n * 4) : bHeap + bOff * 4;
    const cAt = cHeap < 0 ? heap.alloc(m * n * 4) : cHeap + cOff * 4;
    const temps = [aHeap < 0 ? aAt : -1, bHeap < 0 ? bAt : -1, cHeap < 0 ? cAt : -1].filter((t) => t >= 0);
    try {
      if (aAt < 0 || bAt < 0 || cAt < 0) {
        // Past what the heap will hold: stay correct in TypeScript.
        tsGemm(m, n, k, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc, accumulate, cCol);
        return;
      }
      // Viewed after every alloc: growing a plain (unshared) memory detaches its old buffer.
      const view = new Float32Array(memory.buffer);
      let [wasmRow, wasmCol, wasmLdb, wasmLdc, wasmCCol] = [aRow, aCol, ldb, ldc, cCol];
      if (aHeap < 0) [wasmRow, wasmCol] = copyA(view, aAt >> 2, a, aOff, aRow, aCol, m, k);
      if (bHeap < 0) {
        copyRows(view, bAt >> 2, n, b, bOff, ldb, k, n);
        wasmLdb = n;
      }
      if (cHeap < 0) {
        if (accumulate) copyStrided(view, cAt >> 2, n, 1, c, cOff, ldc, cCol, m, n);
        [wasmLdc, wasmCCol] = [n, 1];
      }
      multiply(m, n, k, aAt, wasmRow, wasmCol, bAt, wasmLdb, cAt, wasmLdc, wasmCCol, accumulate ? 1 : 0);
      if (cHeap < 0) copyStrided(c, cOff, ldc, cCol, view, cAt >> 2, n, 1, m, n);
    } finally {
      for (const t of temps) heap.free(t);
    }
  };
}

/** A[m, k] into `view` at `at`, dense; returns the strides the copy has (row, column). */
function copyA(view: Float32Array, at: number, a: Float32Array, aOff: number, aRow: number, aCol: number, m: number, k: number): [number, number] {
  if (aCol === 1) {
    copyRows(view, at, k, a, aOff, aRow, m, k);
    return [k, 1];
  }
  if (aRow === 1) {
    copyRows(view, at, m, a, aOff, aCol, k, m);
    return [1, m];
  }
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) view[at + i * k + p] = a[aOff + i * aRow + p * aCol];
  }
  return [k, 1];
}

/** rows × cols floats from `src` (leading dimension ls) to `dst` (leading dimension ld). */
function copyRows(dst: Float32Array, dOff: number, ld: number, src: Float32Array, sOff: number, ls: number, rows: number, cols: number): void {
  if (ld === cols && ls === cols) {
    dst.set(src.subarray(sOff, sOff + rows * cols), dOff);
    return;
  }
  for (let i = 0; i < rows; i++) dst.set(src.subarray(sOff + i * ls, sOff + i * ls + cols), dOff + i * ld);
}

/** rows × cols floats between layouts with any row and column strides (C's copy in and out). */
function copyStrided(dst: Float32Array, dOff: number, dRow: number, dCol: number, src: Float32Array, sOff: number, sRow: number, sCol: number, rows: number, cols: number): void {
  if (dCol === 1 && sCol === 1) {
    copyRows(dst, dOff, dRow, src, sOff, sRow, rows, cols);
    return;
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) dst[dOff + i * dRow + j * dCol] = src[sOff + i * sRow + j * sCol];
  }
}
