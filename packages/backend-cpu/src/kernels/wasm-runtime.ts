import {
  kernelsF32RelaxedSharedWasm,
  kernelsF32RelaxedWasm,
  kernelsF32SharedWasm,
  kernelsF32Wasm,
} from '../wasm/kernels-f32.wasm.js';
import { createWasmHeap, type WasmHeap } from './wasm-heap.js';
import { createWasmWorkerPool, THREAD_WORK, type WasmJob } from './wasm-worker-pool.js';

/** The exports of assembly/kernels-f32.ts. */
export interface WasmKernels {
  gemm(
    m: number, n: number, k: number,
    a: number, aRow: number, aCol: number,
    b: number, ldb: number,
    c: number, ldc: number, cCol: number,
    accumulate: number,
    work: number,
  ): void;
  weightNormRows(v: number, g: number, w: number, rows: number, cols: number, eps: number): void;
  weightNormGradGRows(v: number, gw: number, gg: number, rows: number, cols: number, eps: number): void;
  weightNormGradVRows(v: number, g: number, gw: number, gg: number, out: number, rows: number, cols: number, eps: number): void;
  binaryF32(op: number, a: number, aStep: number, b: number, bStep: number, y: number, n: number): void;
  whereF32(c: number, cStep: number, a: number, aStep: number, b: number, bStep: number, y: number, n: number): void;
  transposeF32(src: number, lds: number, rows: number, cols: number, dst: number, ldd: number): void;
  chainF32(prog: number, steps: number, inputs: number, out: number, start: number, n: number, scratch: number): void;
  workBytes(): number;
  heapBase(): number;
}

/** The shared build's declared maximum (scripts/build-wasm.mjs): 2 GiB, wasm32's signed range. */
const MAX_PAGES = 32768;
/**
 * Tensors may fill the heap up to here; past it new tensors are plain arrays. A WebAssembly memory
 * never shrinks, and tensors a program drops without dispose() come back only when the collector
 * finalizes them (late: it cannot see this memory), so the bound is what such a program can pin.
 * Half a GiB holds the bench's largest case (W1 4096², v and w: 128 MiB) several times over.
 */
const TENSOR_LIMIT = 2 ** 29;

/**
 * The WebAssembly side of the CPU backend: one instance of the kernels module, its memory, the
 * heap in that memory, one packing area per thread, and the helpers that run slices of a kernel.
 * Kernels run synchronously, one at a time, so every backend with the same thread count shares one.
 */
export interface WasmRuntime {
  readonly kernels: WasmKernels;
  readonly memory: WebAssembly.Memory;
  readonly heap: WasmHeap;
  /** Whether tensors can live in the heap: only a shared memory grows without detaching views. */
  readonly shared: boolean;
  /** Whether the engine took the relaxed-SIMD build (fused multiply-add). */
  readonly fused: boolean;
  /** Threads it really runs on: 1 where helpers are unavailable. */
  readonly threads: number;
  /** Byte address of thread `t`'s packing area for the GEMM. */
  workArea(t: number): number;
  /** Helper threads started so far (they come up asynchronously; until then kernels run here). */
  helpersReady(): number;
  /**
   * How many slices to cut a parallel kernel into: two per running thread, so one that starts its
   * share late (a helper waking up, or sharing its core with another process) leaves its second
   * slice to the others. 1 without helpers.
   */
  slices(): number;
  /**
   * Runs every job, on this thread and the helpers, each thread taking the next unclaimed job
   * (at most MAX_JOBS), and returns when all are done. THREAD_WORK in a job stands for the packing
   * area of the thread that runs it. Returns how many jobs ran on this thread.
   */
  parallel(jobs: readonly WasmJob[]): number;
}

/**
 * Loads the kernels module: on a shared memory with threads − 1 helpers where SharedArrayBuffer
 * exists (Node; cross-origin isolated pages), otherwise on a plain memory, one thread, where the
 * heap only holds a kernel's temporaries. Undefined where WebAssembly or its SIMD is missing.
 */
export function createWasmRuntime(threads = 1, { share = true }: { share?: boolean } = {}): WasmRuntime | undefined {
  if (typeof WebAssembly !== 'object') return undefined;
  // `share: false` takes the plain-memory path where shared memory exists too (tests use it).
  let loaded = share ? loadShared() : undefined;
  loaded ??= load(new WebAssembly.Memory({ initial: 1 }), kernelsF32RelaxedWasm, kernelsF32Wasm);
  if (!loaded) return undefined;
  const { memory, kernels, fused, shared, module } = loaded;
  const workBytes = align(kernels.workBytes());
  const work = align(kernels.heapBase());
  const workArea = (t: number) => work + t * workBytes;
  const base = workArea(threads);
  // The packing areas must exist before the first GEMM, whether or not the heap has grown yet.
  if (memory.buffer.byteLength < base) memory.grow(Math.ceil((base - memory.buffer.byteLength) / 65536));
  const heap = createWasmHeap(memory, base, shared ? TENSOR_LIMIT : MAX_PAGES * 65536);
  const pool = shared && threads > 1 ? createWasmWorkerPool(module, memory, threads - 1, workArea) : undefined;
  // This thread's jobs: THREAD_WORK becomes its own packing area, as helpers do with theirs.
  const exec = (job: WasmJob) => {
    const args = job.slice(1) as number[];
    for (let i = 0; i < args.length; i++) if (args[i] === THREAD_WORK) args[i] = workArea(0);
    (kernels[job[0]] as (...a: number[]) => void)(...args);
  };
  return {
    kernels,
    memory,
    heap,
    shared,
    fused,
    threads: pool ? threads : 1,
    workArea,
    helpersReady: () => pool?.ready() ?? 0,
    slices: () => (pool ? 2 * (pool.ready() + 1) : 1),
    parallel(jobs) {
      if (pool && jobs.length > 1) return pool.run(jobs, exec);
      jobs.forEach(exec);
      return jobs.length;
    },
  };
}

interface Loaded {
  memory: WebAssembly.Memory;
  kernels: WasmKernels;
  fused: boolean;
  shared: boolean;
  module: WebAssembly.Module;
}

/** Instantiates the relaxed-SIMD build where the engine validates it, else the plain SIMD one. */
function load(memory: WebAssembly.Memory, relaxed: string, plain: string, shared = false): Loaded | undefined {
  try {
    const relaxedBytes = decode(relaxed);
    const fused = WebAssembly.validate(relaxedBytes);
    const module = new WebAssembly.Module(fused ? relaxedBytes : decode(plain));
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    return { memory, kernels: instance.exports as unknown as WasmKernels, fused, shared, module };
  } catch {
    return undefined;
  }
}

/** The shared-memory build (its helpers start once the packing areas are laid out). */
function loadShared(): Loaded | undefined {
  let memory: WebAssembly.Memory;
  try {
    // Throws where SharedArrayBuffer is off (a browser page that is not cross-origin isolated).
    memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  } catch {
    return undefined;
  }
  return load(memory, kernelsF32RelaxedSharedWasm, kernelsF32SharedWasm, true);
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}

/** Rounds a byte address up to 64 (a cache line), so vector loads never straddle two. */
function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}
