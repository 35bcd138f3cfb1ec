import { tensor, type Tensor } from '@weightnorm/core';
import { uniformArray } from './random.js';

/**
 * torch's default Linear/Conv init: kaiming_uniform_(a=√5) gives U(±1/√fan_in) for the weight,
 * and the bias uses the same bound.
 */
export function kaimingUniform(shape: readonly number[], fanIn: number): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tensor(uniformArray(size, fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0), shape);
}
