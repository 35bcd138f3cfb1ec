import { WeightnormError } from './weightnorm-error.js';

/**
 * Thrown for a dtype the operation or storage does not accept.
 *
 * @example
 * try { tensor([1], [1], { dtype: 'float64' as DType }); } catch (e) { console.log(e instanceof DTypeError); } // true
 */
export class DTypeError extends WeightnormError {}
