import type { ComposableOp, OpAttrs, OpInputs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { convComposite } from './conv.js';
import { convTransposeComposite } from './conv-transpose.js';
import { convWeightGradComposite } from './conv-weight-grad.js';
import { sigmoidComposite } from './sigmoid.js';
import { weightNormComposite } from './weight-norm.js';
import { weightNormGradGComposite } from './weight-norm-grad-g.js';
import { weightNormGradVComposite } from './weight-norm-grad-v.js';

/** Core's fallback for each composable op, built from required ops (see ops.ts). */
export const COMPOSITES: { readonly [Op in ComposableOp]: (inputs: OpInputs<Op, Tensor>, attrs: OpAttrs<Op>) => Tensor } = {
  Sigmoid: sigmoidComposite,
  Conv: convComposite,
  ConvTranspose: convTransposeComposite,
  ConvWeightGrad: convWeightGradComposite,
  WeightNorm: weightNormComposite,
  WeightNormGradG: weightNormGradGComposite,
  WeightNormGradV: weightNormGradVComposite,
};
