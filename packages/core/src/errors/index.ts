export { WeightnormError, formatReceived, type ErrorDetails } from './weightnorm-error.js';
export { AxisError } from './axis-error.js';
export { ShapeError } from './shape-error.js';
export { DTypeError } from './dtype-error.js';
export { BackendError } from './backend-error.js';
export { BackendUnavailableError } from './backend-unavailable-error.js';
export { CheckpointError } from './checkpoint-error.js';
