import type { DType } from '@weightnorm/core';

/** The WN_F32 / WN_F16 / WN_I32 codes of kernels/params.h. */
export function dtypeCode(dtype: DType): number {
  return dtype === 'float32' ? 0 : dtype === 'float16' ? 1 : 2;
}
