import type { OpName } from '../backend/ops.js';
import { WeightnormError } from '../errors/index.js';
import { convTransposeVjp, convVjp, convWeightGradVjp } from './vjp/conv.js';
import { BINARY_VJPS, castVjp, UNARY_VJPS, whereVjp } from './vjp/elementwise.js';
import { matmulVjp } from './vjp/matmul.js';
import { concatVjp, expandVjp, padVjp, permuteVjp, reshapeVjp, sliceVjp } from './vjp/movement.js';
import { maxVjp, sumVjp } from './vjp/reduce.js';
import { weightNormGradGVjp, weightNormGradVVjp, weightNormVjp } from './vjp/weight-norm.js';
import type { VjpRule } from './vjp-rule.js';

/**
 * Every primitive's vjp, keyed by op name. Typed as a partial table so that an op added to ops.ts
 * without a rule still compiles, and reverse mode then fails with an error naming it.
 *
 * @example
 * const rule = VJPS['Mul']; // (node, cotangent) => [grad of a, grad of b]
 * const [ga, gb] = rule!(node, ones);
 */
export const VJPS: { readonly [Op in OpName]?: VjpRule } = {
  ...UNARY_VJPS,
  ...BINARY_VJPS,
  Where: whereVjp,
  Cast: castVjp,
  Sum: sumVjp,
  Max: maxVjp,
  Reshape: reshapeVjp,
  Permute: permuteVjp,
  Expand: expandVjp,
  Slice: sliceVjp,
  Pad: padVjp,
  Concat: concatVjp,
  MatMul: matmulVjp,
  Conv: convVjp,
  ConvTranspose: convTransposeVjp,
  ConvWeightGrad: convWeightGradVjp,
  WeightNorm: weightNormVjp,
  WeightNormGradG: weightNormGradGVjp,
  WeightNormGradV: weightNormGradVVjp,
};

/**
 * The vjp of `op`, or a WeightnormError naming the op that has none.
 *
 * @example
 * const rule = vjpOf('Mul');
 */
export function vjpOf(op: OpName): VjpRule {
  const rule = VJPS[op];
  if (!rule) {
    throw new WeightnormError({
      op: 'grad',
      argument: 'fn',
      allowed: `ops with a vjp (${Object.keys(VJPS).join(', ')})`,
      received: `a graph with ${op}, which has no vjp`,
    });
  }
  return rule;
}
