export { Tensor } from './tensor.js';
export { evaluate } from './evaluate.js';
