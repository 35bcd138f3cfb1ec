import { WeightnormError } from './weightnorm-error.js';

/** Thrown for a checkpoint or state dict that cannot be loaded: malformed file, missing or unexpected keys, mismatched tensors. */
export class CheckpointError extends WeightnormError {}
