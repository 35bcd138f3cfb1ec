// The functions behind Tensor's methods, gathered so tensor.ts has one import for them.
export { unary, floatUnary, binary, div, pow } from './elementwise.js';
export { cast } from './cast.js';
export { reduce, mean } from './reduce.js';
export { reshape, permute, transpose, expand, unsqueeze, squeeze, narrow, flip } from './movement.js';
export { matmul } from './matmul.js';
export { assign } from './assign.js';
