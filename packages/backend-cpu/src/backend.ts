import { BackendError, COMPOSABLE_OPS, defineBackend, type Backend, type OpName } from '@weightnorm/core';
import type { CpuContext } from './cpu-context.js';
import type { CpuStorage } from './cpu-storage.js';
import { binaryKernels } from './kernels/binary.js';
import { cast } from './kernels/cast.js';
import { concat } from './kernels/concat.js';
import { conv } from './kernels/conv.js';
import { convTranspose } from './kernels/conv-transpose.js';
import { convWeightGrad } from './kernels/conv-weight-grad.js';
import { expand } from './kernels/expand.js';
import { gemm } from './kernels/gemm.js';
import { matmul } from './kernels/matmul.js';
import { pad } from './kernels/pad.js';
import { permute } from './kernels/permute.js';
import { reduceKernels } from './kernels/reduce.js';
import { slice } from './kernels/slice.js';
import { unaryKernels } from './kernels/unary.js';
import { createWasmGemm } from './kernels/wasm-gemm.js';
import { createWasmRuntime, type WasmRuntime } from './kernels/wasm-runtime.js';
import { checkThreads, defaultThreads } from './default-threads.js';
import { createChainRunner } from './kernels/chain-wasm.js';
import { weightNorm } from './kernels/weight-norm.js';
import { weightNormGradG } from './kernels/weight-norm-grad-g.js';
import { weightNormGradV } from './kernels/weight-norm-grad-v.js';
import { where } from './kernels/where.js';

/**
 * Options of {@link createCpuBackend}; every field is optional.
 */
export interface CpuBackendOptions {
  /**
   * Ops to leave out so core runs its composite instead; only ops core can compose
   * (COMPOSABLE_OPS). Tests use it to check the composites against the native kernels.
   */
  readonly exclude?: readonly OpName[];
  /**
   * Run MatMul, Conv and ConvTranspose on the WebAssembly SIMD GEMM (float32 accumulation, as
   * torch's CPU GEMM) when the engine has WebAssembly SIMD; `false` keeps the TypeScript GEMM
   * (float64 accumulation), which is also what runs where WebAssembly SIMD is missing. Default true.
   */
  readonly wasm?: boolean;
  /**
   * Threads the WebAssembly GEMM and weight norm split their work across: this thread plus threads − 1
   * threads sharing its memory: Node worker threads, or Web Workers in a cross-origin isolated
   * page; elsewhere (no SharedArrayBuffer) it runs on one thread whatever this says. Default:
   * WEIGHTNORM_CPU_THREADS where the environment sets it, else the cores available, at most 8.
   */
  readonly threads?: number;
  /**
   * Run core's chains of float32 elementwise ops (leaky ReLU's Greater, Mul and Where, …) as one
   * WebAssembly pass each, intermediates kept in cache-sized blocks. Default true; false runs one
   * kernel per op (the same values, bit for bit).
   */
  readonly chains?: boolean;
}

// One WebAssembly runtime per thread count, shared by every backend that asks for it: kernels run
// synchronously, one at a time, so they can share its memory, its heap and its helpers.
// null: unavailable here.
const runtimes = new Map<number, WasmRuntime | null>();

function wasmRuntime(threads: number): WasmRuntime | null {
  if (!runtimes.has(threads)) runtimes.set(threads, createWasmRuntime(threads) ?? null);
  return runtimes.get(threads)!;
}

/** Uploads smaller than this stay plain arrays: the heap is for operands worth not copying. */
const MIN_HEAP_UPLOAD = 1024;

const kernels = [
  ...unaryKernels,
  ...binaryKernels,
  ...reduceKernels,
  where,
  cast,
  permute,
  expand,
  slice,
  pad,
  concat,
  matmul,
  conv,
  convTranspose,
  convWeightGrad,
  weightNorm,
  weightNormGradG,
  weightNormGradV,
];

/**
 * The embedded default backend: TypeScript kernels on typed arrays, no setup, runs anywhere.
 *
 * @example
 * const backend = createCpuBackend({ exclude: ['WeightNorm'] }); // core composes WeightNorm
 */
export function createCpuBackend(options: CpuBackendOptions = {}): Backend<CpuStorage, CpuContext> {
  const exclude = options.exclude ?? [];
  for (const op of exclude) {
    if (!(COMPOSABLE_OPS as readonly string[]).includes(op)) {
      throw new BackendError({
        op: 'createCpuBackend',
        argument: 'exclude',
        allowed: `a list of ops core can compose (${COMPOSABLE_OPS.join(', ')})`,
        received: op,
      });
    }
  }
  const threads = options.threads === undefined ? defaultThreads() : checkThreads(options.threads, 'threads');
  const simd = options.wasm === false ? null : wasmRuntime(threads);
  const heap = simd?.shared ? simd.heap : undefined;
  const context: CpuContext = simd
    ? {
        convTile: 512,
        gemm: createWasmGemm(simd),
        wasm: simd,
        alloc: (size, zeroed) => heap?.f32(size, zeroed) ?? new Float32Array(size),
        free: (array) => heap?.release(array),
      }
    : { convTile: 128, gemm, alloc: (size) => new Float32Array(size), free: () => {} };
  return defineBackend<CpuStorage, CpuContext>({
    name: 'cpu',
    context,
    kernels: kernels.filter((k) => !exclude.includes(k.op)),
    supports: (feature) => feature === 'float16',
    chains: simd?.shared && options.chains !== false ? createChainRunner(context, simd) : undefined,
    // Core copies user data when it creates a tensor and kernels never write their inputs, so
    // the array can become the storage as it is; large float32 data moves into the heap once, so
    // the WebAssembly kernels read it in place on every call after.
    upload: (data, dtype) => {
      if (!heap || dtype !== 'float32' || data.length < MIN_HEAP_UPLOAD) return data;
      const stored = heap.f32(data.length, false);
      if (!stored) return data;
      stored.set(data as Float32Array);
      return stored;
    },
    // A copy in a fresh (unshared) buffer: the heap block goes back to the heap on dispose.
    read: async (storage, _dtype, size) => storage.slice(0, size),
    // Heap blocks go back to the heap; plain typed arrays are left to the garbage collector.
    dispose: (storage) => heap?.release(storage),
    describe: () =>
      simd
        ? `cpu: WebAssembly SIMD${simd.fused ? ' (relaxed FMA)' : ''} GEMM (MatMul, Conv, ConvTranspose, ConvWeightGrad), weight norm ` +
          `and elementwise ops on ${simd.threads} thread${simd.threads > 1 ? 's' : ''}${heap ? ', tensors in its heap' : ''}, TypeScript kernels`
        : 'cpu: TypeScript kernels on typed arrays, 1 thread',
  });
}
