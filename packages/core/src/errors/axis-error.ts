import { WeightnormError } from './weightnorm-error.js';

/**
 * Thrown for a dim or axis outside the range a tensor of that rank allows.
 *
 * @example
 * try { x.sum(5); } catch (e) { if (e instanceof AxisError) console.log(e.argument, e.received); }
 */
export class AxisError extends WeightnormError {}
