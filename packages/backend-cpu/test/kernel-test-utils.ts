// Helpers the kernel unit tests in src/kernels share. It sits outside src so it never ships in dist.
import { sizeOf, stridesOf, type DType, type Kernel, type KernelOutput, type KernelTensor } from '@weightnorm/core';
import { expect } from 'vitest';
import type { CpuContext } from '../src/cpu-context.js';
import type { CpuStorage } from '../src/cpu-storage.js';
import { gemm } from '../src/kernels/gemm.js';
import type { GemmFn } from '../src/kernels/gemm-fn.js';
import { createWasmGemm } from '../src/kernels/wasm-gemm.js';
import { createWasmRuntime, type WasmRuntime } from '../src/kernels/wasm-runtime.js';

/** The WebAssembly runtime the backend creates (one thread, shared memory: tensors in its heap). */
export const wasmRuntime: WasmRuntime | undefined = createWasmRuntime();
const wasmGemm = wasmRuntime && createWasmGemm(wasmRuntime);

/**
 * Both GEMMs, for the kernels built on ctx.gemm to test each. The WebAssembly one must load here:
 * Node 20 has WebAssembly SIMD, so a missing one is a failure, not a skip.
 */
export const gemmPaths: readonly { name: 'typescript' | 'wasm'; gemm: GemmFn }[] = [
  { name: 'typescript', gemm },
  {
    name: 'wasm',
    gemm:
      wasmGemm ??
      (() => {
        throw new Error('the WebAssembly SIMD GEMM failed to load in Node');
      }),
  },
];

/**
 * The context the backend creates: the WebAssembly GEMM and kernels, results in the heap. Tests
 * that pass only `gemm` keep the heap; {@link typescriptContext} is the path without WebAssembly.
 */
const backendContext: CpuContext = {
  convTile: 128,
  gemm: gemmPaths[1].gemm,
  wasm: wasmRuntime,
  alloc: (size, zeroed) => wasmRuntime?.heap.f32(size, zeroed) ?? new Float32Array(size),
  free: (array) => wasmRuntime?.heap.release(array),
};

/** What the backend runs where WebAssembly is off or missing: TypeScript kernels, plain arrays. */
export const typescriptContext: Partial<CpuContext> = {
  gemm,
  wasm: undefined,
  alloc: (size) => new Float32Array(size),
  free: () => {},
};

/** mulberry32: a seeded uniform generator on [0, 1), so a failing input reproduces exactly. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n float32 values drawn uniformly from [-1, 1). */
export function randomFloats(n: number, random: () => number): Float32Array {
  return Float32Array.from({ length: n }, () => random() * 2 - 1);
}

/** 0, 1, …, n − 1 as float32, so each output value names the input element it came from. */
export function iota(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => i);
}

/** A kernel input over CpuStorage; float32 unless told. */
export function tensor(storage: CpuStorage, shape: readonly number[], dtype: DType = 'float32'): KernelTensor<CpuStorage> {
  return { storage, shape, dtype };
}

/** Any CPU kernel, whatever its op: `runKernel` takes the op's input and attribute types from its `run`. */
type CpuKernel = Pick<Kernel<never, CpuStorage, CpuContext>, 'run'>;

/** Runs one CPU kernel (they all return synchronously) and hands back its output storage. */
export function runKernel<K extends CpuKernel>(
  kernel: K,
  inputs: Parameters<K['run']>[1],
  attrs: Parameters<K['run']>[2],
  out: KernelOutput,
  context: Partial<CpuContext> = {},
): CpuStorage {
  return kernel.run({ ...backendContext, ...context }, inputs, attrs, out) as CpuStorage;
}

/** Decodes flat index i of `shape` into its multi-index. */
export function unravel(i: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return index;
}

/** The row-major flat index of `index` in `shape`. */
export function ravel(index: readonly number[], shape: readonly number[]): number {
  const strides = stridesOf(shape);
  return index.reduce((o, v, d) => o + v * strides[d], 0);
}

/** Calls fn with every multi-index of `shape`, row-major. */
export function forEachIndex(shape: readonly number[], fn: (index: number[]) => void): void {
  if (sizeOf(shape) === 0) return;
  const index = new Array<number>(shape.length).fill(0);
  for (;;) {
    fn(index);
    let d = shape.length - 1;
    while (d >= 0 && ++index[d] === shape[d]) index[d--] = 0;
    if (d < 0) return;
  }
}

/** C = A·B (+ C0) [m, n] by the textbook triple loop in float64; A is read through `a(i, p)`. */
export function naiveMatmul(m: number, n: number, k: number, a: (i: number, p: number) => number, b: ArrayLike<number>, c0?: ArrayLike<number>): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = c0 ? c0[i * n + j] : 0;
      for (let p = 0; p < k; p++) s += a(i, p) * b[p * n + j];
      c[i * n + j] = s;
    }
  }
  return c;
}

/** Expects got to have want's length and |got[i] − want[i]| ≤ bound(i) everywhere, checked as the worst ratio. */
export function expectWithin(got: ArrayLike<number>, want: ArrayLike<number>, bound: (i: number) => number): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / bound(i));
  expect(worst).toBeLessThanOrEqual(1);
}
