import type { Shape } from '@weightnorm/core';

/**
 * Strides that read `inShape` as if it had `outShape` (same rank, as core guarantees): row-major,
 * with 0 on every axis where the input has size 1, so that element repeats.
 */
export function broadcastStrides(inShape: Shape, outShape: Shape): number[] {
  const strides = new Array<number>(inShape.length);
  let s = 1;
  for (let d = inShape.length - 1; d >= 0; d--) {
    strides[d] = inShape[d] === 1 && outShape[d] !== 1 ? 0 : s;
    s *= inShape[d];
  }
  return strides;
}
