import type { DType } from '@weightnorm/core';

/**
 * How the webgpu backend holds a tensor: a pooled GPU buffer (its byte size rounded up to the
 * pool's size class, at least 4-byte aligned) and the element count it holds.
 */
export interface WebgpuStorage {
  readonly buffer: GPUBuffer;
  readonly dtype: DType;
  readonly size: number;
}
