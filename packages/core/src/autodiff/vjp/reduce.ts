import type { OpAttrs } from '../../backend/ops.js';
import { expand } from '../../ops/movement.js';
import type { VjpRule } from '../vjp-rule.js';

/** Every summed element gets the cotangent of its sum (the node keeps reduced axes as size 1). */
export const sumVjp: VjpRule = (n, c) => [expand(c, n.inputs[0]!.shape)];

/** As torch's amax: the gradient is shared evenly among the elements equal to the max. */
export const maxVjp: VjpRule = (n, c) => {
  const x = n.inputs[0]!;
  const { axes } = n.attrs as OpAttrs<'Max'>;
  const mask = x.eq(n);
  return [mask.mul(c).div(mask.sum(axes, true))];
};
