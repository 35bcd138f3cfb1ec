import type { DType } from '@weightnorm/core';

/** A WGSL scalar a buffer holds. float16 is `f16` with shader-f16, else `f32` rounded on store. */
export type WgslScalar = 'f32' | 'f16' | 'i32';

/** What a backend knows when it writes WGSL for a dtype. */
export interface WgslTypes {
  /** The adapter has shader-f16: float16 tensors are stored as f16. */
  readonly nativeF16: boolean;
}

/** The element type of a buffer holding `dtype`. */
export function elemType(t: WgslTypes, dtype: DType): WgslScalar {
  if (dtype === 'int32') return 'i32';
  if (dtype === 'float16' && t.nativeF16) return 'f16';
  return 'f32';
}

/** The type kernels compute in: float32 for every float dtype (float16 accumulates in f32), i32 for int32. */
export function computeType(dtype: DType): 'f32' | 'i32' {
  return dtype === 'int32' ? 'i32' : 'f32';
}

/** `expr` read from a buffer of `dtype`, widened to the compute type. */
export function loadAs(t: WgslTypes, dtype: DType, expr: string): string {
  return dtype === 'float16' && t.nativeF16 ? `f32(${expr})` : expr;
}

/** A compute-type value `expr` converted for a buffer of `dtype` (float16 rounded once, to nearest even). */
export function storeAs(t: WgslTypes, dtype: DType, expr: string): string {
  if (dtype !== 'float16') return expr;
  return t.nativeF16 ? `f16(round_f16(${expr}))` : `round_f16(${expr})`;
}

/** Bytes per element on the device. */
export function deviceItemSize(t: WgslTypes, dtype: DType): number {
  return elemType(t, dtype) === 'f16' ? 2 : 4;
}
