import { WeightnormError, type ErrorDetails } from './weightnorm-error.js';

/**
 * Thrown when a backend fails: a kernel error, a lost device, an unknown backend name.
 * `kernel` names the op that was running, when there was one.
 *
 * @example
 * try { await y.data(); } catch (e) { if (e instanceof BackendError) console.log(e.kernel); }
 */
export class BackendError extends WeightnormError {
  readonly kernel: string | undefined;
  constructor(details: ErrorDetails & { kernel?: string }, message?: string) {
    super(details, message);
    this.kernel = details.kernel;
  }
}
