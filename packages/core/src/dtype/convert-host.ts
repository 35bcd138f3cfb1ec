import { DTypeError } from '../errors/index.js';
import type { DType, HostArray } from './dtype.js';
import { fromFloat16Bits, toFloat16Bits } from './float16.js';

/**
 * Converts storage-form host data between dtypes: float16↔float32 exactly/round-to-nearest-even,
 * int32→float. Float→int32 is refused: a checkpoint float landing in an int parameter is a bug.
 *
 * @example
 * convertHost(new Float32Array([1, -2]), 'float32', 'float16'); // Uint16Array [0x3c00, 0xc000]
 */
export function convertHost(data: HostArray, from: DType, to: DType, op = 'convert'): HostArray {
  if (from === to) return data;
  if (to === 'int32') {
    throw new DTypeError({ op, argument: 'dtype', allowed: `a conversion from ${from} to a float dtype`, received: to });
  }
  const values = from === 'float16' ? fromFloat16Bits(data as Uint16Array) : data;
  return to === 'float16' ? toFloat16Bits(values) : Float32Array.from(values);
}
