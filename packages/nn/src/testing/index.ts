// @weightnorm/nn/testing: the torch parity runner every backend shares. It imports no test runner
// and no file system, so it runs under vitest in Node and inside a browser page alike.
export { parityCase, type ParityCase, type ParityConfig } from './parity-case.js';
export { buildLayer } from './build-layer.js';
export { closeness } from './closeness.js';
export {
  runParityCase,
  PARITY_RTOL,
  PARITY_F16_WEIGHT_RTOL,
  PARITY_F16_OUTPUT_RTOL,
  type ParityCheck,
} from './run-parity-case.js';
export { runGradParityCase, GRAD_PARITY_RTOL, type GradParityResult } from './run-grad-parity-case.js';
export { runTrainParityCase, TRAIN_PARITY_RTOL, TRAIN_OPTIMIZERS, type TrainOptimizer, type TrainParityResult } from './run-train-parity-case.js';
export { relativeError } from './relative-error.js';
export { jsonEqual } from './json-equal.js';
