import { sizeOf, type Shape } from '@weightnorm/core';

/**
 * [kept, inner] when the weight norm's rows are contiguous in `shape` (norm along dim 0, or over
 * the whole tensor when axis is null): what the WebAssembly row kernels take. Undefined for any
 * other axis, whose rows interleave.
 */
export function rowsOf(shape: Shape, axis: number | null): [number, number] | undefined {
  if (axis === null) return [1, sizeOf(shape)];
  if (sizeOf(shape.slice(0, axis)) !== 1) return undefined;
  return [shape[axis]!, sizeOf(shape.slice(axis + 1))];
}
