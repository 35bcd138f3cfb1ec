import { DTypeError } from '../errors/index.js';

/** The element types a tensor can hold. float16 is stored as IEEE half bits and computed in float32. */
export type DType = 'float32' | 'float16' | 'int32';

export const DTYPES: readonly DType[] = ['float32', 'float16', 'int32'];

/**
 * How a dtype travels between host and backend: float32 as Float32Array, float16 as the raw
 * IEEE-754 half bits in a Uint16Array (so no value is rounded twice), int32 as Int32Array.
 */
export type HostArray = Float32Array | Uint16Array | Int32Array;

export interface HostArrayOf {
  float32: Float32Array;
  float16: Uint16Array;
  int32: Int32Array;
}

export function isDType(value: unknown): value is DType {
  return value === 'float32' || value === 'float16' || value === 'int32';
}

/** Throws a DTypeError naming `argument` unless `value` is a dtype. */
export function checkDType(value: unknown, op: string, argument = 'dtype'): DType {
  if (!isDType(value)) {
    throw new DTypeError({ op, argument, allowed: `one of ${DTYPES.join(', ')}`, received: value });
  }
  return value;
}

export function isFloating(dtype: DType): boolean {
  return dtype !== 'int32';
}

/** Allocates zeroed host storage for `size` elements of `dtype`. */
export function allocHost(dtype: DType, size: number): HostArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'float16':
      return new Uint16Array(size);
    case 'int32':
      return new Int32Array(size);
  }
}

/** Bytes per element in host storage. */
export function itemSize(dtype: DType): number {
  return dtype === 'float16' ? 2 : 4;
}

/**
 * Result dtype of a binary op, following torch for tensors of equal standing:
 * any float beats int32, and float32 beats float16.
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'float32' || b === 'float32') return 'float32';
  return 'float16';
}
