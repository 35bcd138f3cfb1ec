import { DTypeError } from '../errors/index.js';

/**
 * The element types a tensor can hold. float16 is stored as IEEE half bits and computed in float32.
 *
 * @example
 * const dtype: DType = 'float16';
 */
export type DType = 'float32' | 'float16' | 'int32';

/**
 * Every dtype, in the order error messages list them.
 *
 * @example
 * DTYPES.includes('float16'); // true
 */
export const DTYPES: readonly DType[] = ['float32', 'float16', 'int32'];

/**
 * How a dtype travels between host and backend: float32 as Float32Array, float16 as the raw
 * IEEE-754 half bits in a Uint16Array (so no value is rounded twice), int32 as Int32Array.
 *
 * @example
 * const bits: HostArray = await tensor([1, 2], [2], { dtype: 'float16' }).rawData(); // Uint16Array
 */
export type HostArray = Float32Array | Uint16Array | Int32Array;

/**
 * The host array type of each dtype, for typing code generic over the dtype.
 *
 * @example
 * const bits: HostArrayOf['float16'] = new Uint16Array(4); // float16 travels as half bits
 */
export interface HostArrayOf {
  float32: Float32Array;
  float16: Uint16Array;
  int32: Int32Array;
}

/**
 * Whether `value` names a dtype (a type guard for untrusted input such as checkpoint headers).
 *
 * @example
 * isDType('float16'); // true
 * isDType('bfloat16'); // false
 */
export function isDType(value: unknown): value is DType {
  return value === 'float32' || value === 'float16' || value === 'int32';
}

/**
 * Throws a DTypeError naming `argument` unless `value` is a dtype.
 *
 * @example
 * const dtype = checkDType(opts.dtype ?? 'float32', 'tensor');
 */
export function checkDType(value: unknown, op: string, argument = 'dtype'): DType {
  if (!isDType(value)) {
    throw new DTypeError({ op, argument, allowed: `one of ${DTYPES.join(', ')}`, received: value });
  }
  return value;
}

/**
 * Whether `dtype` holds floating-point values (float32, float16), as torch's `is_floating_point`.
 *
 * @example
 * isFloating('int32'); // false
 */
export function isFloating(dtype: DType): boolean {
  return dtype !== 'int32';
}

/**
 * Allocates zeroed host storage for `size` elements of `dtype`.
 *
 * @example
 * allocHost('float16', 4); // Uint16Array(4) of zero bits
 */
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

/**
 * Bytes per element in host storage.
 *
 * @example
 * itemSize('float16'); // 2
 */
export function itemSize(dtype: DType): number {
  return dtype === 'float16' ? 2 : 4;
}

/**
 * Result dtype of a binary op, following torch for tensors of equal standing:
 * any float beats int32, and float32 beats float16.
 *
 * @example
 * promoteTypes('float16', 'float32'); // 'float32'
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'float32' || b === 'float32') return 'float32';
  return 'float16';
}
