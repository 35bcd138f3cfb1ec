import type { Tensor } from '../ir/tensor.js';
import { scalar } from '../ops/create.js';
import { expand } from '../ops/movement.js';

/** Zeros shaped like `t` from one scalar: an Expand node, so no host array of t's size is made. */
export function zerosLike(t: Tensor): Tensor {
  return expand(scalar(0, t.dtype), t.shape);
}
