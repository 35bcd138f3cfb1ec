import type { Tensor } from '../ir/tensor.js';

/**
 * A primitive's vector-Jacobian product: given the node and the cotangent of its output, the
 * cotangent of each input (null where no gradient flows: integer inputs, comparison results).
 * Rules use only core ops, so every backend differentiates them and the rules differentiate too.
 */
export type VjpRule = (node: Tensor, cotangent: Tensor) => readonly (Tensor | null)[];
