import { WeightnormError } from './weightnorm-error.js';

/** Thrown for a dim or axis outside the range a tensor of that rank allows. */
export class AxisError extends WeightnormError {}
