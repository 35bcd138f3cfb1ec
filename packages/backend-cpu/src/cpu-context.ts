import type { GemmFn } from './kernels/gemm-fn.js';
import type { WasmRuntime } from './kernels/wasm-runtime.js';

/** What every CPU kernel receives as `ctx`: tuning knobs, the GEMM, and where float32 results go. */
export interface CpuContext {
  /**
   * Output positions per im2col tile (Conv), or input positions per tile of a GEMM-per-tap walk
   * (stride-1 1-d Conv, ConvTranspose). Bounds Conv's column buffer to
   * `channels·prod(kernel)·convTile` floats instead of one column per position, and keeps the
   * stretch of output a tile's taps accumulate onto in cache.
   */
  readonly convTile: number;
  /** The float32 GEMM behind MatMul, Conv and ConvTranspose: WebAssembly SIMD or TypeScript. */
  readonly gemm: GemmFn;
  /** The WebAssembly kernels, their heap and threads; absent on the TypeScript-only path. */
  readonly wasm?: WasmRuntime;
  /**
   * A float32 array for a result or a scratch buffer: in the WebAssembly heap when it can be (the
   * WebAssembly kernels then use it in place), a plain array otherwise. Zeroed unless `zeroed` is
   * false, for callers that overwrite every element.
   */
  alloc(size: number, zeroed?: boolean): Float32Array;
  /** Gives back a scratch array from alloc() at once (results go back when their tensor is disposed). */
  free(array: Float32Array): void;
}
