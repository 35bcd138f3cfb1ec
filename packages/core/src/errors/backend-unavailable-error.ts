import { BackendError } from './backend-error.js';

/**
 * Thrown when a backend cannot run on this machine (no adapter, wrong OS); the message says why.
 *
 * @example
 * try { await setBackend('webgpu'); } catch (e) { if (e instanceof BackendUnavailableError) await setBackend('cpu'); }
 */
export class BackendUnavailableError extends BackendError {}
