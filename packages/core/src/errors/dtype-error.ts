import { WeightnormError } from './weightnorm-error.js';

/** Thrown for a dtype the operation or storage does not accept. */
export class DTypeError extends WeightnormError {}
