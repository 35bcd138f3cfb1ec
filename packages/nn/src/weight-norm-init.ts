import { DTypeError, fromFloat16Bits, normExceptDimShape, tensor, type Tensor } from '@weightnorm/core';

/**
 * g's initial value, ‖v‖ over every axis but `axis`, computed on the host so `weightNorm(layer)`
 * stays synchronous like torch's and g is a plain leaf parameter. Sums in float64, rounds once.
 */
export function initialG(v: Tensor, axis: number | null, op: string): Tensor {
  if (!v.isLeaf || !v.host || v.dtype === 'int32') {
    throw new DTypeError({ op, argument: 'weight', allowed: 'a float parameter (a leaf tensor)', received: v.toString() });
  }
  const values = v.dtype === 'float16' ? fromFloat16Bits(v.host as Uint16Array) : (v.host as Float32Array);
  const kept = axis === null ? 1 : v.shape[axis]!;
  const inner = axis === null ? values.length : v.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const sums = new Float64Array(kept);
  for (let i = 0; i < values.length; i++) {
    const k = Math.floor(i / inner) % kept;
    sums[k]! += values[i]! * values[i]!;
  }
  return tensor(sums.map(Math.sqrt), normExceptDimShape(v.shape, axis), { dtype: v.dtype });
}
