import type { gemm } from './gemm.js';

/**
 * The GEMM every matmul-shaped kernel calls through ctx.gemm: C[M, N] (+)= A[M, K] · B[K, N] on
 * float32 arrays. A is read through two strides (`aRow`, `aCol`) so a transposed operand costs
 * nothing; B and C are row-major with leading dimensions `ldb` and `ldc`. With `accumulate` the
 * product is added to C's current values, otherwise C is overwritten. Implemented by the
 * TypeScript `gemm` and by the WebAssembly SIMD `createWasmGemm()`.
 */
export type GemmFn = typeof gemm;
