/**
 * The element types a safetensors file may hold that weightnorm reads. Other safetensors
 * dtypes (BOOL, U8, F8_*, …) are rejected by the parser rather than guessed at.
 *
 * @example
 * const { tensors } = parseSafetensors(bytes);
 * const dtype: SafetensorsDType = tensors.get('conv.weight')!.sourceDType;
 */
export type SafetensorsDType = 'F32' | 'F16' | 'BF16' | 'F64' | 'I32' | 'I64';

/**
 * One tensor as read from a safetensors file, already converted to a weightnorm host dtype.
 *
 * How each file dtype arrives:
 * - F32 → `float32`, a Float32Array.
 * - F16 → `float16`, the raw IEEE half bits in a Uint16Array, never rounded.
 * - BF16 → `float32`: bfloat16 is the top half of a float32, so widening is exact.
 * - F64 → `float32`, each value rounded to nearest float32. This is lossy (precision and
 *   range), and is done because weightnorm has no float64 dtype.
 * - I32 → `int32`, an Int32Array.
 * - I64 → `int32`; a value outside the int32 range makes the parser throw rather than wrap.
 *
 * `sourceDType` records the file dtype so a caller can warn about the lossy F64 case or write
 * BF16 back out.
 */
export interface SafetensorsEntry {
  dtype: 'float32' | 'float16' | 'int32';
  shape: number[];
  data: Float32Array | Uint16Array | Int32Array;
  sourceDType: SafetensorsDType;
}
