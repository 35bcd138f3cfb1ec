import { gemmF32RelaxedSharedWasm, gemmF32RelaxedWasm, gemmF32SharedWasm, gemmF32Wasm } from '../wasm/gemm-f32.wasm.js';
import { gemm as tsGemm } from './gemm.js';
import type { GemmFn } from './gemm-fn.js';
import { createGemmWorkerPool, type GemmJob, type GemmWorkerPool } from './gemm-worker-pool.js';

interface GemmExports {
  gemm(
    m: number, n: number, k: number,
    a: number, aRow: number, aCol: number,
    b: number, ldb: number,
    c: number, ldc: number,
    accumulate: number,
    work: number,
  ): void;
  workBytes(): number;
  heapBase(): number;
}

const PAGE = 65536;
/** The shared build's declared maximum (scripts/build-wasm.mjs): 2 GiB. */
const MAX_PAGES = 32768;
/** Columns of the module's register tile: a thread's slice of N is a multiple of it. */
const NR = 8;
/** Rows of the register tile, for slices of M. */
const MR = 4;
/** Below this many multiply-adds, waking helpers costs more than it saves. */
const MIN_PARALLEL_WORK = 1 << 20;
/** Operands past this many bytes of linear memory go to the TypeScript GEMM (wasm32 addresses are 32-bit). */
const MAX_BYTES = 2 ** 31;

/**
 * The WebAssembly SIMD GEMM (assembly/gemm-f32.ts), or undefined where WebAssembly or its SIMD
 * proposal is unavailable, so the caller keeps the TypeScript GEMM. With `threads` > 1, where
 * SharedArrayBuffer and Node worker threads exist, threads − 1 helpers share the module's memory
 * and each product is split across them by columns (or rows, for narrow products); elsewhere it
 * runs on one thread.
 *
 * Operands are copied into the module's memory (dense), multiplied there with packed panels and
 * 4×8 f32x4 register tiles, accumulated in float32, and C copied back. The copies are O(MK + KN +
 * MN) against O(MNK) work. Compiled synchronously because kernels run synchronously; the module is
 * ~1.5 KB, under the 4 KB browsers allow a main-thread synchronous compile.
 */
export function createWasmGemm(threads = 1): WasmGemm | undefined {
  if (typeof WebAssembly !== 'object') return undefined;
  const loaded =
    (threads > 1 ? loadShared(threads) : undefined) ??
    load(new WebAssembly.Memory({ initial: 1 }), gemmF32RelaxedWasm, gemmF32Wasm);
  if (!loaded) return undefined;
  const { memory, wasm, pool, fused } = loaded;
  const workBytes = align(wasm.workBytes());
  // One packing area per thread, then the operands.
  const work = align(wasm.heapBase());
  const operands = work + threads * workBytes;
  let heap = new Float32Array(memory.buffer);

  /** Runs the product on this thread and every ready helper, each on a slice of N (or M). */
  function multiply(...job: GemmJob): void {
    const [m, n, k, a, aRow, aCol, b, ldb, c, ldc, accumulate] = job;
    const helpers = pool && m * n * k >= MIN_PARALLEL_WORK ? pool.ready() : 0;
    if (helpers === 0 || !pool) {
      wasm.gemm(...job);
      return;
    }
    const parts = helpers + 1;
    const jobs: GemmJob[] = [];
    const byColumns = n >= parts * NR * 2 || n >= m;
    const size = byColumns ? n : m;
    const unit = byColumns ? NR : MR;
    const slice = Math.ceil(size / parts / unit) * unit;
    for (let start = 0, t = 0; start < size; start += slice, t++) {
      const len = Math.min(slice, size - start);
      const w = work + t * workBytes;
      jobs.push(
        byColumns
          ? [m, len, k, a, aRow, aCol, b + start * 4, ldb, c + start * 4, ldc, accumulate, w]
          : [len, n, k, a + start * aRow * 4, aRow, aCol, b, ldb, c + start * ldc * 4, ldc, accumulate, w],
      );
    }
    const own = jobs.shift()!;
    pool.run(jobs, () => wasm.gemm(...own));
  }

  const gemm: GemmFn = (m, n, k, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc, accumulate) => {
    if (m === 0 || n === 0) return;
    const aAt = operands;
    const bAt = align(aAt + m * k * 4);
    const cAt = align(bAt + k * n * 4);
    const end = cAt + m * n * 4;
    if (end > MAX_BYTES) {
      tsGemm(m, n, k, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc, accumulate);
      return;
    }
    if (end > memory.buffer.byteLength) {
      try {
        memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
      } catch {
        // Past what the engine will give (or the shared build's maximum): stay correct in TypeScript.
        tsGemm(m, n, k, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc, accumulate);
        return;
      }
    }
    // grow() detaches the old buffer; re-view after any growth (ours or none).
    if (heap.buffer !== memory.buffer) heap = new Float32Array(memory.buffer);

    // A goes in dense, keeping whichever of its axes is contiguous contiguous.
    const a0 = aAt >> 2;
    let wasmRow = k;
    let wasmCol = 1;
    if (aCol === 1) {
      if (aRow === k) heap.set(a.subarray(aOff, aOff + m * k), a0);
      else for (let i = 0; i < m; i++) heap.set(a.subarray(aOff + i * aRow, aOff + i * aRow + k), a0 + i * k);
    } else if (aRow === 1) {
      wasmRow = 1;
      wasmCol = m;
      for (let p = 0; p < k; p++) heap.set(a.subarray(aOff + p * aCol, aOff + p * aCol + m), a0 + p * m);
    } else {
      for (let i = 0; i < m; i++) {
        for (let p = 0; p < k; p++) heap[a0 + i * k + p] = a[aOff + i * aRow + p * aCol];
      }
    }
    const b0 = bAt >> 2;
    if (ldb === n) heap.set(b.subarray(bOff, bOff + k * n), b0);
    else for (let p = 0; p < k; p++) heap.set(b.subarray(bOff + p * ldb, bOff + p * ldb + n), b0 + p * n);
    const c0 = cAt >> 2;
    if (accumulate) {
      for (let i = 0; i < m; i++) heap.set(c.subarray(cOff + i * ldc, cOff + i * ldc + n), c0 + i * n);
    }

    multiply(m, n, k, aAt, wasmRow, wasmCol, bAt, n, cAt, n, accumulate ? 1 : 0, work);

    if (ldc === n) c.set(heap.subarray(c0, c0 + m * n), cOff);
    else for (let i = 0; i < m; i++) c.set(heap.subarray(c0 + i * n, c0 + i * n + n), cOff + i * ldc);
  };
  return Object.assign(gemm, { threads: pool ? threads : 1, fused, helpersReady: () => pool?.ready() ?? 0 });
}

/** The WebAssembly GEMM and how many threads it really runs on (1 where helpers are unavailable). */
export type WasmGemm = GemmFn & {
  readonly threads: number;
  /** Whether the engine took the relaxed-SIMD build (fused multiply-add). */
  readonly fused: boolean;
  /** Helper threads started so far (they come up asynchronously; until then products run here). */
  readonly helpersReady: () => number;
};

interface Loaded {
  memory: WebAssembly.Memory;
  wasm: GemmExports;
  fused: boolean;
  pool?: GemmWorkerPool;
}

/** Instantiates the relaxed-SIMD build where the engine validates it, else the plain SIMD one. */
function load(memory: WebAssembly.Memory, relaxed: string, plain: string): (Loaded & { module: WebAssembly.Module }) | undefined {
  try {
    const relaxedBytes = decode(relaxed);
    const fused = WebAssembly.validate(relaxedBytes);
    const module = new WebAssembly.Module(fused ? relaxedBytes : decode(plain));
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    return { memory, wasm: instance.exports as unknown as GemmExports, fused, module };
  } catch {
    return undefined;
  }
}

/** The shared-memory build with threads − 1 helpers, or undefined where that cannot run here. */
function loadShared(threads: number): Loaded | undefined {
  let memory: WebAssembly.Memory;
  try {
    // Throws where SharedArrayBuffer is off (a browser page that is not cross-origin isolated).
    memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  } catch {
    return undefined;
  }
  const loaded = load(memory, gemmF32RelaxedSharedWasm, gemmF32SharedWasm);
  if (!loaded) return undefined;
  const pool = createGemmWorkerPool(loaded.module, memory, threads - 1);
  return pool ? { ...loaded, pool } : undefined;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}

/** Rounds a byte address up to 64 (a cache line), so vector loads never straddle two. */
function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}
