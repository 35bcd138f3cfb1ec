import { WeightnormError } from './weightnorm-error.js';

/**
 * Thrown for a checkpoint or state dict that cannot be loaded: malformed file, missing or unexpected keys, mismatched tensors.
 *
 * @example
 * try { await model.loadStateDict(sd); } catch (e) { if (e instanceof CheckpointError) console.log(e.message); }
 */
export class CheckpointError extends WeightnormError {}
