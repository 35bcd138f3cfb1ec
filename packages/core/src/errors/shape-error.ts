import { WeightnormError } from './weightnorm-error.js';

/**
 * Thrown for a shape that does not fit the operation: wrong rank, channel count or size.
 *
 * @example
 * try { tensor([1, 2, 3], [2, 2]); } catch (e) { console.log(e instanceof ShapeError); } // true
 */
export class ShapeError extends WeightnormError {}
