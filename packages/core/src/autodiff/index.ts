export { grad, valueAndGrad } from './grad.js';
export { gradsOf } from './grads-of.js';
export { weightNormBackward, type WeightNormBackwardOptions } from './weight-norm-backward.js';
export { VJPS, vjpOf } from './vjp-table.js';
export type { VjpRule } from './vjp-rule.js';
