import type { GemmFn } from './kernels/gemm-fn.js';

/** What every CPU kernel receives as `ctx`: tuning knobs and the GEMM to use, no state. */
export interface CpuContext {
  /**
   * Output (Conv) or input (ConvTranspose) positions per im2col/col2im tile. Bounds the column
   * buffer to `channels·prod(kernel)·convTile` floats instead of one column per position.
   */
  readonly convTile: number;
  /** The float32 GEMM behind MatMul, Conv and ConvTranspose: WebAssembly SIMD or TypeScript. */
  readonly gemm: GemmFn;
}
