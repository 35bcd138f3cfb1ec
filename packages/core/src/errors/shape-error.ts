import { WeightnormError } from './weightnorm-error.js';

/** Thrown for a shape that does not fit the operation: wrong rank, channel count or size. */
export class ShapeError extends WeightnormError {}
