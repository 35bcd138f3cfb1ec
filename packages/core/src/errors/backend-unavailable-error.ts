import { BackendError } from './backend-error.js';

/** Thrown when a backend cannot run on this machine (no adapter, wrong OS); the message says why. */
export class BackendUnavailableError extends BackendError {}
