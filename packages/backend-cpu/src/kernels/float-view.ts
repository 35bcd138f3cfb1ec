import { allocHost, fromFloat16Bits, toFloat16Bits, type DType, type KernelTensor } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';

/**
 * The values a kernel computes on: float32 and float16 tensors as float32, int32 as int32. Kernels
 * read these as JS numbers (float64), so float16 inputs accumulate in float32 or wider.
 */
export type Values = Float32Array | Int32Array;

/**
 * A tensor's values. float32 and int32 return the storage itself (kernels never write inputs);
 * float16 widens once per input, which is exact.
 */
export function readValues(t: KernelTensor<CpuStorage>): Values {
  return t.dtype === 'float16' ? fromFloat16Bits(t.storage as Uint16Array) : (t.storage as Float32Array | Int32Array);
}

/** A tensor's values as float32, for ops core only sends float dtypes (MatMul, Conv, WeightNorm). */
export function readFloats(t: KernelTensor<CpuStorage>): Float32Array {
  return t.dtype === 'float16' ? fromFloat16Bits(t.storage as Uint16Array) : (t.storage as Float32Array);
}

/**
 * Values for a result of `dtype`: float32 for both float dtypes (from ctx.alloc, so in the
 * WebAssembly heap where there is one), int32 for int32. Zeroed unless `zeroed` is false, for
 * kernels that write every element.
 */
export function allocValues(ctx: CpuContext, dtype: DType, size: number, zeroed = true): Values {
  return dtype === 'int32' ? new Int32Array(size) : ctx.alloc(size, zeroed);
}

/**
 * Turns computed values into storage of `dtype`. float16 rounds here, once, from the float32
 * result, which is what torch's CPU kernels do for half (compute in float, round on store).
 */
export function toStorage(values: Values, dtype: DType): CpuStorage {
  return dtype === 'float16' ? toFloat16Bits(values) : values;
}

/**
 * Storage of `dtype`, for kernels that move raw elements without converting them; float32 from
 * ctx.alloc (zeroed unless `zeroed` is false), the other dtypes plain arrays.
 */
export function allocStorage(ctx: CpuContext, dtype: DType, size: number, zeroed = true): CpuStorage {
  return dtype === 'float32' ? ctx.alloc(size, zeroed) : allocHost(dtype, size);
}

/**
 * toStorage for a result from ctx.alloc(): a float16 result is a new array, so the float32 one
 * goes straight back to the heap instead of waiting for a dispose that will never come.
 */
export function resultStorage(ctx: CpuContext, values: Values, dtype: DType): CpuStorage {
  const storage = toStorage(values, dtype);
  if (storage !== values && values instanceof Float32Array) ctx.free(values);
  return storage;
}
