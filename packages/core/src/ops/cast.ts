import { checkDType, type DType } from '../dtype/dtype.js';
import { Tensor } from '../ir/tensor.js';

/**
 * Converts to `dtype`; float→int32 truncates toward zero. A no-op when the dtype already matches.
 *
 * @example
 * const h = cast(x, 'float16');
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  checkDType(dtype, 'cast');
  return x.dtype === dtype ? x : new Tensor('Cast', [x], { dtype }, x.shape, dtype);
}
